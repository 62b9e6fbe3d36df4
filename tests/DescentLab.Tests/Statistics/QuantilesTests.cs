using CsCheck;
using DescentLab.Statistics;

namespace DescentLab.Tests.Statistics;

public class QuantilesTests
{
    [Fact]
    public void Linear_GoldenCases_MatchNumPyQuantileBitForBit()
    {
        // Same operations as np.quantile's "linear" method on the same doubles, so the results are equal exactly.
        foreach (var c in StatisticsGolden.Expected.GetProperty("quantile").EnumerateArray())
        {
            var values = StatisticsGolden.Doubles(c.GetProperty("values"));
            var qs = StatisticsGolden.Doubles(c.GetProperty("q"));
            var expected = StatisticsGolden.Doubles(c.GetProperty("quantiles"));
            for (var i = 0; i < qs.Length; i++)
            {
                Assert.Equal(expected[i], Quantiles.Linear(values.ToArray(), qs[i]));
            }
        }
    }

    [Fact]
    public void PairwiseSumAndMean_GoldenCases_MatchNumPyBitForBit()
    {
        // NumPy's pairwise summation reproduced step by step (8 partial sums, blocks of 128), so equality is exact.
        foreach (var c in StatisticsGolden.Expected.GetProperty("mean").EnumerateArray())
        {
            var values = StatisticsGolden.Doubles(c.GetProperty("values"));
            Assert.Equal(c.GetProperty("sum").GetDouble(), Quantiles.PairwiseSum(values));
            Assert.Equal(c.GetProperty("mean").GetDouble(), Quantiles.Mean(values));
        }
    }

    [Fact]
    public void Linear_InfiniteUpperNeighbour_GivesInfinityOnlyWhenWeighted()
    {
        double[] values = [1, 2, double.PositiveInfinity, double.PositiveInfinity];
        Assert.Equal(2.0, Quantiles.Linear(values.ToArray(), 1.0 / 3.0));
        Assert.Equal(double.PositiveInfinity, Quantiles.Linear(values.ToArray(), 0.5));
        Assert.Equal(double.PositiveInfinity, Quantiles.Linear(values.ToArray(), 0.9));
        Assert.Equal(1.5, Quantiles.Linear(values.ToArray(), 1.0 / 6.0), 15);
    }

    [Fact]
    public void Linear_NaN_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Quantiles.Linear(new[] { 1.0, double.NaN }, 0.5));
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Linear_AnyValues_IsMonotoneInQAndWithinRange()
    {
        Gen.Select(Gen.Double[-1e6, 1e6].Array[1, 50], Gen.Double[0, 1], Gen.Double[0, 1]).Sample((values, q1, q2) =>
        {
            var (lo, hi) = q1 <= q2 ? (q1, q2) : (q2, q1);
            var a = Quantiles.Linear(values.ToArray(), lo);
            var b = Quantiles.Linear(values.ToArray(), hi);
            return a <= b && a >= values.Min() && b <= values.Max();
        });
    }
}
