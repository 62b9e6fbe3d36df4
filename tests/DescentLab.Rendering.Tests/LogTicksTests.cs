namespace DescentLab.Rendering.Tests;

public sealed class LogTicksTests
{
    [Fact]
    public void Between_RangeNarrowerThanADecade_LabelsEveryTick()
    {
        var ticks = LogTicks.Between(Math.Log10(0.27), Math.Log10(0.52)).ToArray();

        Assert.Equal([(-1, 3, true), (-1, 4, true), (-1, 5, true)], ticks);
    }

    [Fact]
    public void Between_TwoDecades_LabelsOneTwoAndFive()
    {
        var labelled = LogTicks.Between(-2, 0).Where(t => t.Major).Select(t => t.Multiplier * Math.Pow(10, t.Decade)).ToArray();

        Assert.Equal([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1], labelled, (a, b) => Math.Abs(a - b) < 1e-12);
    }
}
