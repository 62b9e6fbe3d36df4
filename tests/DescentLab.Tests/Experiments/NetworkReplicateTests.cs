using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Models;
using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Tests.Experiments;

public class NetworkReplicateTests
{
    private static readonly ExperimentSpec Moons = new()
    {
        Seed = 11,
        Data = new ClassificationData(new ClassificationDataGenerator { Count = 60, Noise = 0.3 }),
        Model = ModelSpec.Parse("mlp:4:tanh"),
        Training = new TrainingOptions { Epochs = 8 },
        Replicates = 3,
    };

    [Fact]
    public void RunNetwork_Replicates_EachIsTheSingleRunWithItsSeed()
    {
        var result = ExperimentRunner.RunNetwork(Moons);
        var statistics = Assert.IsType<DescentLab.Statistics.ReplicateStatistics>(result.Statistics);

        for (var r = 0; r < Moons.Replicates; r++)
        {
            var single = ExperimentRunner.RunNetwork(Moons with { Seed = Moons.Seed + (uint)r, Replicates = 1 });
            Assert.Null(single.Statistics);
            var reference = Assert.IsType<DescentLab.Analysis.ReferenceOptimum>(single.Reference);
            for (var m = 0; m < Moons.Methods.Count; m++)
            {
                var run = statistics.Methods[m].Runs[r];
                var expected = single.Runs[m];
                Assert.Equal(Moons.Seed + (uint)r, run.Seed);
                Assert.Equal(expected.Trajectory.Loss[^1], run.FinalLoss);
                Assert.Equal(reference.Loss, run.MinimumLoss);
                Assert.Equal(single.FinalAccuracy(expected), run.FinalAccuracy);
                Assert.True(run.FinalExcessLoss >= 0, $"{expected.Method.Name}, replicate {r}");

                // One init shared by every method within a replicate, drawn from the replicate's seed.
                Assert.Equal(single.Runs[0].Init, expected.Init);
            }
        }

        // Replicate 0 is what the result returns in full.
        Assert.Equal(result.Runs[0].Trajectory.Loss[^1], statistics.Methods[0].Runs[0].FinalLoss);
        Assert.True(statistics.Methods[0].HasAccuracy);
        Assert.InRange(statistics.Methods[0].FinalAccuracy.Median, 0, 1);
    }

    [Fact]
    public void RunNetwork_ReplicatesWithHugeStep_CountsEveryDivergence()
    {
        var spec = Moons with
        {
            Training = new TrainingOptions { Epochs = 30, DivergenceFactor = 10 },
            Methods = [new Method("gd", new SamplerOptions { Kind = SamplerKind.FullBatch }, new SgdOptions { LearningRate = 1e9 }, new ConstantLearningRate())],
        };
        var statistics = ExperimentRunner.RunNetwork(spec).Statistics!;
        var gd = statistics.Methods[0];
        Assert.Equal(3, gd.DivergedCount);
        Assert.All(gd.Runs, run => Assert.True(double.IsPositiveInfinity(run.FinalLoss)));
        Assert.All(gd.Runs, run => Assert.True(double.IsFinite(run.MinimumLoss)));
        Assert.True(double.IsNaN(gd.FinalAccuracy.Median));
    }

    [Fact]
    public void RunNetwork_LogisticReplicates_MeasureAgainstNewtonsOptimum()
    {
        var spec = Moons with { Model = ModelSpec.Parse("logistic") };
        var statistics = ExperimentRunner.RunNetwork(spec).Statistics!;
        for (var r = 0; r < spec.Replicates; r++)
        {
            var network = ExperimentRunner.CreateNetwork(spec with { Seed = spec.Seed + (uint)r });
            var newton = DescentLab.Analysis.LogisticOptimum.Find(network);
            Assert.NotNull(newton.Theta);
            Assert.Equal(newton.Loss, statistics.Methods[0].Runs[r].MinimumLoss);
        }
    }
}
