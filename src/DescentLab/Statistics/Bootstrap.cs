using DescentLab.Randomness;

namespace DescentLab.Statistics;

/// <summary>The percentile bootstrap of a mean, with resamples drawn by NumPy's legacy generator so NumPy can redraw them.</summary>
public static class Bootstrap
{
    /// <summary>
    /// The percentile interval of the mean of <paramref name="sample"/> at <paramref name="level"/> from
    /// <paramref name="resamples"/> resamples.
    /// </summary>
    /// <remarks>
    /// Equals, in NumPy 1.24: <c>rs = np.random.RandomState(seed)</c>; for each of B resamples
    /// <c>means[b] = sample[rs.randint(0, n, size=n)].mean()</c>; then <c>np.quantile(means, [(1−level)/2, (1+level)/2])</c>.
    /// The resamples are drawn in that order from one stream, so the interval does not depend on threads.
    /// </remarks>
    public static BootstrapInterval MeanInterval(ReadOnlySpan<double> sample, int resamples = 2000, uint seed = 0, double level = 0.95)
    {
        if (sample.IsEmpty)
        {
            throw new ArgumentException("bootstrap: the sample is empty.", nameof(sample));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "level: must be between 0 and 1.");
        }

        var n = sample.Length;
        var random = new NumPyRandomState(seed);
        var indices = new long[n];
        var resample = new double[n];
        var means = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            random.RandInt(0, n, indices);
            for (var i = 0; i < n; i++)
            {
                resample[i] = sample[(int)indices[i]];
            }

            means[b] = Quantiles.Mean(resample);
        }

        // NaN differences (∞ − ∞ between two diverged runs) leave no interval to speak of.
        var lowerQ = (1 - level) / 2;
        var upperQ = (1 + level) / 2;
        if (Array.Exists(means, double.IsNaN))
        {
            return new BootstrapInterval(Quantiles.Mean(sample), double.NaN, double.NaN, level, resamples);
        }

        Array.Sort(means);
        return new BootstrapInterval(Quantiles.Mean(sample), Quantiles.LinearSorted(means, lowerQ), Quantiles.LinearSorted(means, upperQ), level, resamples);
    }
}
