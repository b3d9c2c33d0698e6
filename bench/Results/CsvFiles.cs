using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Harness.Core;

namespace Harness.Results;

/// <summary>CSV in invariant culture with spreadsheet-injection escaping (cells starting = + - @ are prefixed).</summary>
public static class CsvFiles
{
    // CsvHelper's own injection escaping also prefixes negative *numbers* ("-12" → "'-12"), which breaks the
    // numeric round trip; text cells are escaped by SafeTextConverter instead, numbers are left alone.
    public static CsvConfiguration Config => new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.None,
        HasHeaderRecord = true,
        // Headers are written snake_case (run_id, platform_or_accel); matching ignores case and underscores so
        // files written before that change (RunId, PlatformOrAccel) still read.
        PrepareHeaderForMatch = a => a.Header.Replace("_", "").ToLowerInvariant(),
    };

    /// <summary>The column name of a member: RunId → run_id, P50 → p50.</summary>
    public static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 && !char.IsUpper(name[i - 1]) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private sealed class SnakeCaseMap<T> : ClassMap<T>
    {
        // Mapped with the caller's context, so members pick up its converters (ISO dates, formula escaping).
        public SnakeCaseMap(CsvContext context)
        {
            AutoMap(context);
            foreach (var m in MemberMaps) m.Name(SnakeCase(m.Data.Member!.Name));
            foreach (var p in ParameterMaps) p.Name(SnakeCase(p.Data.Parameter.Name!));
        }
    }

    /// <summary>Escapes text cells that a spreadsheet would run as a formula (= + - @, tab, CR) with a leading quote.</summary>
    public sealed class SafeTextConverter : CsvHelper.TypeConversion.StringConverter
    {
        public override string? ConvertToString(object? value, IWriterRow row, CsvHelper.Configuration.MemberMapData memberMapData)
        {
            var s = value as string ?? "";
            return s.Length > 0 && "=+-@\t\r".Contains(s[0]) ? "'" + s : s;
        }
    }

    public static void Prepare<T>(CsvContext context)
    {
        IsoDates(context);
        context.TypeConverterCache.AddConverter<string>(new SafeTextConverter());
        context.RegisterClassMap(new SnakeCaseMap<T>(context));
    }

    /// <summary>Timestamps as ISO 8601 round-trip ("o"), not the invariant culture's month/day form.</summary>
    public static void IsoDates(CsvContext context)
    {
        var o = context.TypeConverterOptionsCache.GetOptions<DateTime>();
        o.Formats = ["o"];
        o.DateTimeStyle = System.Globalization.DateTimeStyles.RoundtripKind;
    }

    public static void Write<T>(string path, IEnumerable<T> rows)
    {
        var tmp = path + ".tmp";
        using (var w = new StreamWriter(tmp))
        using (var csv = new CsvWriter(w, Config)) { Prepare<T>(csv.Context); csv.WriteRecords(rows); }
        File.Move(tmp, path, overwrite: true); // whole file or nothing
    }

    public static List<T> Read<T>(string path)
    {
        if (!File.Exists(path)) throw new HarnessException($"{path} does not exist");
        using var r = new StreamReader(path);
        using var csv = new CsvReader(r, Config);
        IsoDates(csv.Context);
        try { return csv.GetRecords<T>().ToList(); }
        catch (Exception e) when (e is CsvHelperException or FormatException)
        {
            throw new HarnessException($"{path} is not a {typeof(T).Name} CSV of this harness version ({e.GetType().Name}: {e.Message.Split('\n')[0]}); re-run 'run' or use a matching harness version");
        }
    }
}

/// <summary>Appends samples as they are measured and flushes each one, so an interrupted run keeps every row it measured.</summary>
public sealed class SampleSink : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly CsvWriter _csv;
    private readonly object _gate = new();
    public int Count { get; private set; }

    public SampleSink(string path)
    {
        bool exists = File.Exists(path) && new FileInfo(path).Length > 0;
        try { _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HarnessException($"cannot write {path}: {e.Message}");
        }
        _csv = new CsvWriter(_writer, CsvFiles.Config with { HasHeaderRecord = !exists });
        CsvFiles.Prepare<Sample>(_csv.Context);
        if (!exists) { _csv.WriteHeader<Sample>(); _csv.NextRecord(); _csv.Flush(); }
    }

    public void Add(Sample s)
    {
        lock (_gate)
        {
            try
            {
                _csv.WriteRecord(s);
                _csv.NextRecord();
                _csv.Flush();
                _writer.Flush();
                Count++;
            }
            catch (IOException e)
            {
                throw new HarnessException($"writing samples failed ({e.Message}); rows before this one are intact");
            }
        }
    }

    public void AddRange(IEnumerable<Sample> rows) { foreach (var r in rows) Add(r); }

    public void Dispose()
    {
        try { _csv.Dispose(); } catch (IOException) { }
    }
}
