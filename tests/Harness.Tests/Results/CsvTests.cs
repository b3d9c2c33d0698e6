using Harness.Results;

namespace Harness.Tests.Results;

public class CsvTests
{
    [Fact]
    public void I_can_round_trip_samples_through_csv_in_invariant_culture()
    {
        var dir = Directory.CreateTempSubdirectory("sbh-test-");
        try
        {
            var path = Path.Combine(dir.FullName, "samples.csv");
            var utc = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);
            using (var sink = new SampleSink(path))
            {
                sink.Add(new Sample("r1", utc, "h", "6.1", "gvisor", "runsc", "v1", "ptrace", "getpid", "getpid_ns_per_op", "ns", 1234.5, 0, "ok", "quick"));
                sink.Add(new Sample("r1", utc, "h", "6.1", "gvisor", "runsc", "v1", "ptrace", "getpid", "getpid_ns_per_op", "ns", 0.25, 1, "ok", "quick"));
            }
            Assert.Contains("1234.5", File.ReadAllText(path));
            Assert.Contains("2026-12-04T10:00:00.0000000Z", File.ReadAllText(path));
            var back = CsvFiles.Read<Sample>(path);
            Assert.Equal(2, back.Count);
            Assert.Equal(1234.5, back[0].Value);
            Assert.Equal(utc, back[0].Utc.ToUniversalTime());
            // Appending (resume) does not repeat the header.
            using (var sink = new SampleSink(path)) sink.Add(back[0]);
            Assert.Equal(3, CsvFiles.Read<Sample>(path).Count);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void I_can_round_trip_negative_numbers_without_them_being_escaped_as_formulas()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sbh-neg-{Guid.NewGuid():N}.csv");
        try
        {
            CsvFiles.Write(path, [new Sample("r", DateTime.UtcNow, "h", "k", "t", "rt", "v", "p", "w", "m", "bytes", -12181504, 1, "ok", "quick", "-note")]);
            var back = CsvFiles.Read<Sample>(path).Single();
            Assert.Equal(-12181504, back.Value);
            Assert.Equal("'-note", back.Note); // text is still escaped
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    public void I_can_write_formula_like_cells_without_them_becoming_formulas(string hostile)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sbh-inj-{Guid.NewGuid():N}.csv");
        try
        {
            CsvFiles.Write(path, [new Sample("r", DateTime.UtcNow, "h", "k", "t", "rt", "v", "p", hostile, "m", "u", 1, 0, "ok", "quick", hostile)]);
            var cells = File.ReadAllLines(path)[1].Split(',').Select(c => c.Trim('"'));
            Assert.DoesNotContain(cells, c => c.Length > 0 && "=+-@".Contains(c[0]));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void I_get_a_clear_error_for_a_csv_of_another_format()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sbh-old-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "tier,value\nrunc,1\n");
        try
        {
            var e = Assert.Throws<Harness.Core.HarnessException>(() => CsvFiles.Read<Sample>(path));
            Assert.Contains("not a Sample CSV", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void I_can_write_snake_case_headers_and_still_read_files_with_the_older_pascal_case_ones()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sbh-hdr-{Guid.NewGuid():N}.csv");
        try
        {
            using (var sink = new SampleSink(path))
                sink.Add(new Sample("r", DateTime.UtcNow, "h", "k", "gvisor", "runsc", "v", "ptrace", "getpid", "m", "ns", 7, 0, "ok", "quick"));
            var header = File.ReadLines(path).First();
            Assert.StartsWith("run_id,utc,host,kernel,tier,runtime,runtime_version,platform_or_accel,workload,metric,unit,value,iteration", header);

            File.WriteAllLines(path, [header.Replace("run_id", "RunId").Replace("platform_or_accel", "PlatformOrAccel").Replace("runtime_version", "RuntimeVersion"), .. File.ReadLines(path).Skip(1).ToList()]);
            var back = CsvFiles.Read<Sample>(path).Single();
            Assert.Equal(("r", "ptrace", 7.0), (back.RunId, back.PlatformOrAccel, back.Value));
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("RunId", "run_id")]
    [InlineData("PlatformOrAccel", "platform_or_accel")]
    [InlineData("P50", "p50")]
    [InlineData("Utc", "utc")]
    public void I_can_name_columns_in_snake_case(string member, string column) => Assert.Equal(column, CsvFiles.SnakeCase(member));
}

