using CsCheck;
using DescentLab.Experiments;
using DescentLab.Training;

namespace DescentLab.Tests.Experiments;

/// <summary>The work and memory an experiment needs, estimated before it runs.</summary>
public class ExperimentEstimateTests
{
    [Fact]
    public void For_Seed_CountsEveryStepAndStaysSmall()
    {
        var spec = new ExperimentSpec();
        var estimate = ExperimentEstimate.For(spec, 100, 1, 4);

        // GD: 300 steps; SGD and reshuffled SGD: 300 epochs × 4 batches of 25.
        Assert.Equal(300 + 1200 + 1200, estimate.Steps);
        Assert.Equal(1201, estimate.RecordedPointsPerRun);
        Assert.True(estimate.Bytes < 300L << 20, $"{estimate.Bytes}");
    }

    [Fact]
    public void For_ManyReplicatesOfLongRuns_CountsEveryReplicatesCurve()
    {
        // --replicates 100000 of two SGD runs recording 10⁵ points each keeps 2 × 10⁵ × 10⁵ losses: far beyond any machine.
        var spec = new ExperimentSpec { Replicates = 100_000, Training = new TrainingOptions { Epochs = 2_500 } };
        var estimate = ExperimentEstimate.For(spec, 1_000, 1, 2);
        Assert.Equal(100_001, estimate.RecordedPointsPerRun);
        Assert.True(estimate.Bytes > 2L * 100_000 * 100_001 * sizeof(double), $"{estimate.Bytes}");
    }

    [Fact]
    public void RecordEveryFor_AnyRunLength_KeepsEveryRunAtOrBelowTheLimit()
    {
        // The seed methods batch 25 samples, so n starts at 25.
        Gen.Select(Gen.Int[1, 100_000], Gen.Int[25, 1_000_000], Gen.Int[4, 200_000]).Sample((epochs, n, maxPoints) =>
        {
            var spec = new ExperimentSpec { Training = new TrainingOptions { Epochs = epochs } };
            var every = ExperimentEstimate.RecordEveryFor(spec, n, maxPoints);
            var recorded = ExperimentEstimate.For(spec with { Training = spec.Training with { RecordEvery = every } }, n, 1, 1).RecordedPointsPerRun;
            Assert.True(recorded <= Math.Max(maxPoints, 2), $"every {every}: {recorded} points");

            // And no coarser than needed: one step less often would pass the limit.
            if (every > 1)
            {
                var finer = ExperimentEstimate.For(spec with { Training = spec.Training with { RecordEvery = every - 1 } }, n, 1, 1).RecordedPointsPerRun;
                Assert.True(finer > maxPoints - 2, $"every {every - 1} would record {finer}");
            }
        }, iter: 200);
    }

    [Theory]
    [InlineData(5L << 20, "5 MB")]
    [InlineData(3L << 30, "3 GB")]
    [InlineData((5L << 30) / 2, "2.5 GB")]
    public void Size_InWords(long bytes, string words) => Assert.Equal(words, ExperimentEstimate.Size(bytes));
}
