using System.Net;
using System.Text;

namespace Harness.Reporting;

/// <summary>A report as blocks, rendered once to Markdown and once to self-contained HTML. Every cell is escaped for
/// its target: the data partly comes from inside sandboxes.</summary>
public sealed class ReportDocument
{
    private abstract record Block;
    private sealed record Heading(int Level, string Text) : Block;
    private sealed record Para(string Text) : Block;
    private sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;
    private sealed record Image(string File, string Alt) : Block;

    private readonly List<Block> _blocks = [];

    public ReportDocument H(int level, string text) { _blocks.Add(new Heading(level, text)); return this; }
    public ReportDocument P(string text) { _blocks.Add(new Para(text)); return this; }
    public ReportDocument Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) { _blocks.Add(new TableBlock(header, rows.ToList())); return this; }
    public ReportDocument Img(string file, string alt) { _blocks.Add(new Image(file, alt)); return this; }

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        foreach (var b in _blocks)
        {
            switch (b)
            {
                case Heading h: sb.Append('#', h.Level).Append(' ').AppendLine(Md(h.Text)).AppendLine(); break;
                case Para p: sb.AppendLine(Md(p.Text)).AppendLine(); break;
                case Image i: sb.AppendLine($"![{Md(i.Alt)}]({i.File})").AppendLine(); break;
                case TableBlock t:
                    sb.AppendLine("| " + string.Join(" | ", t.Header.Select(Md)) + " |");
                    sb.AppendLine("|" + string.Concat(t.Header.Select(_ => "---|")));
                    foreach (var r in t.Rows) sb.AppendLine("| " + string.Join(" | ", r.Select(Md)) + " |");
                    sb.AppendLine();
                    break;
            }
        }
        return sb.ToString();
    }

    public string ToHtml(string dir, string title)
    {
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title><style>")
          .Append("body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}")
          .Append("table{border-collapse:collapse;margin:1em 0;font-size:14px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}")
          .Append("th{background:#f3f3f3}img{max-width:100%;border:1px solid #eee}</style></head><body>");
        foreach (var b in _blocks)
        {
            switch (b)
            {
                case Heading h: sb.Append($"<h{h.Level}>").Append(WebUtility.HtmlEncode(h.Text)).Append($"</h{h.Level}>"); break;
                case Para p: sb.Append("<p>").Append(WebUtility.HtmlEncode(p.Text)).Append("</p>"); break;
                case Image i:
                    var path = Path.Combine(dir, i.File);
                    if (File.Exists(path))
                        sb.Append("<p><img alt=\"").Append(WebUtility.HtmlEncode(i.Alt)).Append("\" src=\"data:image/png;base64,")
                          .Append(Convert.ToBase64String(File.ReadAllBytes(path))).Append("\"></p>");
                    break;
                case TableBlock t:
                    sb.Append("<table><tr>").Append(string.Concat(t.Header.Select(c => $"<th>{WebUtility.HtmlEncode(c)}</th>"))).Append("</tr>");
                    foreach (var r in t.Rows) sb.Append("<tr>").Append(string.Concat(r.Select(c => $"<td>{WebUtility.HtmlEncode(c)}</td>"))).Append("</tr>");
                    sb.Append("</table>");
                    break;
            }
        }
        return sb.Append("</body></html>").ToString();
    }

    /// <summary>Markdown-safe cell text: no pipes, no newlines, no raw HTML, no control characters.</summary>
    public static string Md(string s) =>
        Core.Text.Sanitize(s, 600).Replace("\n", " ").Replace("|", "\\|").Replace("<", "&lt;").Replace(">", "&gt;");
}
