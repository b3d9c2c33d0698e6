using System.Globalization;

namespace Sbw.Core;

/// <summary>Thrown for bad parameters: the binary prints the message and exits with 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Minimal "--key value" parser: the workloads must stay dependency-free and start in milliseconds.</summary>
public sealed class Args
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public Args(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length < 3)
                throw new UsageException($"unexpected argument '{a}' (options look like --name value)");
            var eq = a.IndexOf('=');
            if (eq > 0) { _values[a[2..eq]] = a[(eq + 1)..]; continue; }
            if (i + 1 >= list.Count) throw new UsageException($"option '{a}' needs a value");
            _values[a[2..]] = list[++i];
        }
    }

    public bool Help => _values.ContainsKey("help");

    public long Long(string name, long dflt, long min, long max)
    {
        _used.Add(name);
        if (!_values.TryGetValue(name, out var s)) return dflt;
        if (!long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            throw new UsageException($"--{name} must be an integer in [{min}, {max}], got '{s}'");
        return v;
    }

    public double Double(string name, double dflt, double min, double max)
    {
        _used.Add(name);
        if (!_values.TryGetValue(name, out var s)) return dflt;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < min || v > max || double.IsNaN(v))
            throw new UsageException($"--{name} must be a number in [{min}, {max}], got '{s}'");
        return v;
    }

    public string? String(string name)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var s) ? s : null;
    }

    /// <summary>Call after reading every option: an unknown option is a usage error, not silently ignored.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k) && k != "help").ToList();
        if (unknown.Count > 0) throw new UsageException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
    }
}
