namespace DescentLab.Statistics;

/// <summary>The lower quantile, median and upper quantile of one quantity across replicates.</summary>
/// <param name="Lower">The band's lower quantile (10% by default).</param>
/// <param name="Median">The median.</param>
/// <param name="Upper">The band's upper quantile (90% by default).</param>
public readonly record struct QuantileSummary(double Lower, double Median, double Upper)
{
    /// <summary>The summary of <paramref name="values"/> (sorted in place) at the band's quantiles, with NumPy's linear method.</summary>
    public static QuantileSummary Of(Span<double> values, double lower, double upper)
    {
        values.Sort();
        if (values.Length > 0 && double.IsNaN(values[^1]))
        {
            throw new ArgumentException("quantile: a value is NaN.", nameof(values));
        }

        return new QuantileSummary(Quantiles.LinearSorted(values, lower), Quantiles.LinearSorted(values, 0.5), Quantiles.LinearSorted(values, upper));
    }
}
