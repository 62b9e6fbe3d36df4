using DescentLab.Experiments;
using DescentLab.Statistics;
using DescentLab.Training;

namespace DescentLab.Tests.Statistics;

public class SkippedComparisonTests
{
    [Fact]
    public void Create_FortyEpochs_ReportsEveryPointPastTheEndWithTheMethodsAndWhy()
    {
        // Before, 11 of the 12 comparisons were dropped without a word.
        var statistics = ExperimentRunner.Run(new ExperimentSpec { Replicates = 3, Training = new TrainingOptions { Epochs = 40 } }).Statistics!;

        var kept = Assert.Single(statistics.Comparisons);
        Assert.Equal(("sgd", "sgd-shuffle", ComparisonAxis.Step, 50L), (kept.MethodA, kept.MethodB, kept.Axis, kept.At));
        Assert.Equal(
            [
                "epoch 50: past the end of gd, sgd, sgd-shuffle (40 epochs)",
                "epoch 300: past the end of gd, sgd, sgd-shuffle (40 epochs)",
                "update 50: past the end of the run: gd ends at update 40",
                "update 300: past the end of the run: gd ends at update 40, sgd ends at update 160, sgd-shuffle ends at update 160",
            ],
            statistics.Skipped.Select(s => s.Message));
        Assert.Equal(["gd"], statistics.Skipped[2].Methods);
    }

    [Fact]
    public void Create_PointsInsideEveryRun_SkipsNothing()
    {
        var statistics = ExperimentRunner.Run(new ExperimentSpec { Replicates = 2 }).Statistics!;
        Assert.Empty(statistics.Skipped);
        Assert.Equal(12, statistics.Comparisons.Count);
    }
}
