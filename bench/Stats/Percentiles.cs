namespace Harness.Stats;

/// <summary>Order statistics with linear interpolation between closest ranks (the "type 7" estimator R and numpy use by default).</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        if (p is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(p));
        var sorted = values.OrderBy(v => v).ToArray();
        double rank = p / 100 * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank);
        int hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
