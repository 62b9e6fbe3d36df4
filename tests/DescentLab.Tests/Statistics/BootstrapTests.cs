using CsCheck;
using DescentLab.Statistics;

namespace DescentLab.Tests.Statistics;

public class BootstrapTests
{
    [Fact]
    public void MeanInterval_ConstantSample_IsThatConstant()
    {
        var interval = Bootstrap.MeanInterval([2.5, 2.5, 2.5, 2.5, 2.5], 100, 3);
        Assert.Equal(new BootstrapInterval(2.5, 2.5, 2.5, 0.95, 100), interval);
    }

    [Fact]
    public void MeanInterval_AnySample_BracketsBetweenSampleExtremesAndIsReproducible()
    {
        Gen.Select(Gen.Double[-100, 100].Array[2, 40], Gen.UInt).Sample((sample, seed) =>
        {
            var first = Bootstrap.MeanInterval(sample, 200, seed);
            var again = Bootstrap.MeanInterval(sample, 200, seed);
            // A resample of one repeated value has a mean that can round an ulp past it (3m/3 need not be m).
            var slack = 1e-13 * sample.Max(Math.Abs);
            return first == again && first.Lower <= first.Upper && first.Lower >= sample.Min() - slack && first.Upper <= sample.Max() + slack;
        });
    }

    [Fact]
    public void MeanInterval_ShiftedSample_ShiftsTheInterval()
    {
        // The same seed draws the same resamples, so shifting the sample by a constant shifts every resample mean.
        double[] sample = [1, 4, 2, 8, 5, 7, 3, 0.5, 6, 9];
        var interval = Bootstrap.MeanInterval(sample, 500, 11);
        var shifted = Bootstrap.MeanInterval([.. sample.Select(v => v + 1000)], 500, 11);
        Assert.Equal(interval.Lower + 1000, shifted.Lower, 9);
        Assert.Equal(interval.Upper + 1000, shifted.Upper, 9);
        Assert.True(interval.Lower < interval.Mean && interval.Mean < interval.Upper);
    }

    [Fact]
    public void MeanInterval_EmptySample_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Bootstrap.MeanInterval([], 10));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }
}
