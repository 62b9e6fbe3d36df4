namespace DescentLab.Statistics;

/// <summary>Quantiles and means computed exactly as NumPy 1.24 computes them, so results can be checked against NumPy bit for bit.</summary>
public static class Quantiles
{
    /// <summary>
    /// The <paramref name="q"/>-quantile of <paramref name="values"/>, which are sorted in place: <c>np.quantile(values, q)</c>
    /// with the default method "linear" (Hyndman and Fan's type 7).
    /// </summary>
    /// <remarks>
    /// Virtual index h = (n − 1)·q, i = ⌊h⌋, γ = h − i, then NumPy's <c>_lerp</c>: a + (b − a)·γ, or b − (b − a)·(1 − γ)
    /// when γ ≥ 0.5. Infinite values (diverged runs, targets never reached) are allowed and read as limits: equal
    /// neighbours give that value and an infinite upper neighbour gives +∞ whenever γ &gt; 0 (NumPy would return NaN
    /// from ∞ − ∞); NaN is rejected.
    /// </remarks>
    public static double Linear(Span<double> values, double q)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("quantile: no values.", nameof(values));
        }

        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "Quantiles must be in the range [0, 1]");
        }

        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                throw new ArgumentException("quantile: a value is NaN.", nameof(values));
            }
        }

        values.Sort();
        return LinearSorted(values, q);
    }

    /// <summary>The <paramref name="q"/>-quantile of values already sorted ascending, as <see cref="Linear"/>.</summary>
    public static double LinearSorted(ReadOnlySpan<double> sorted, double q)
    {
        var n = sorted.Length;
        var virtualIndex = (n - 1) * q;
        if (virtualIndex >= n - 1)
        {
            return sorted[n - 1];
        }

        var previous = Math.Floor(virtualIndex);
        var gamma = virtualIndex - previous;
        var i = (int)previous;
        var a = sorted[i];
        var b = sorted[i + 1];
        if (a == b)
        {
            return a;
        }

        if (double.IsInfinity(a) || double.IsInfinity(b))
        {
            return gamma > 0 ? b : a;
        }

        var difference = b - a;
        return gamma >= 0.5 ? b - (difference * (1 - gamma)) : a + (difference * gamma);
    }

    /// <summary>The sum of <paramref name="values"/> in NumPy's pairwise order (<c>np.sum</c> on a contiguous float64 array).</summary>
    /// <remarks>
    /// NumPy's <c>pairwise_sum</c> (numpy/core/src/umath/loops_utils.h.src): fewer than 8 values are added in order; up
    /// to 128 go into 8 interleaved partial sums combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the remainder;
    /// longer arrays split at half rounded down to a multiple of 8.
    /// </remarks>
    public static double PairwiseSum(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n < 8)
        {
            var sum = 0.0;
            foreach (var v in values)
            {
                sum += v;
            }

            return sum;
        }

        if (n <= 128)
        {
            double r0 = values[0], r1 = values[1], r2 = values[2], r3 = values[3];
            double r4 = values[4], r5 = values[5], r6 = values[6], r7 = values[7];
            var i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                r0 += values[i];
                r1 += values[i + 1];
                r2 += values[i + 2];
                r3 += values[i + 3];
                r4 += values[i + 4];
                r5 += values[i + 5];
                r6 += values[i + 6];
                r7 += values[i + 7];
            }

            var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
            {
                result += values[i];
            }

            return result;
        }

        var half = n / 2;
        half -= half % 8;
        return PairwiseSum(values[..half]) + PairwiseSum(values[half..]);
    }

    /// <summary>The mean as <c>np.mean</c> computes it for float64: the pairwise sum divided by the count.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("mean: no values.", nameof(values));
        }

        return PairwiseSum(values) / values.Length;
    }
}
