using DescentLab.Analysis;
using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Models;
using DescentLab.Optimizers;
using DescentLab.Randomness;
using DescentLab.Sampling;
using DescentLab.Sweeps;
using DescentLab.Training;

namespace DescentLab.Tests.Sweeps;

public class NetworkSweepTests
{
    private static readonly SweepSpec Spec = new()
    {
        Base = new ExperimentSpec
        {
            Seed = 5,
            Replicates = 2,
            Data = new ClassificationData(new ClassificationDataGenerator { Count = 40, Noise = 0.3 }),
            Model = ModelSpec.Parse("mlp:3:tanh"),
            Training = new TrainingOptions { Epochs = 4 },
        },
        LearningRates = [0.1, 0.5],
        BatchSizes = [10],
        Samplers = [SamplerKind.Reshuffle],
        Optimizers = [new("sgd", new SgdOptions())],
    };

    [Fact]
    public void Run_MlpSweep_EachRowIsTheSingleRunAgainstTheReferenceFromTheSharedInit()
    {
        var result = SweepRunner.Run(Spec);
        Assert.Equal(4, result.Rows.Count);
        foreach (var row in result.Rows)
        {
            var seed = Spec.Base.Seed + (uint)row.Replicate;
            var single = ExperimentRunner.RunNetwork(Spec.Base with { Seed = seed, Replicates = 1, Methods = [row.Cell.Method] });
            Assert.Equal(single.Runs[0].Trajectory.Loss[^1], row.FinalLoss);

            var network = ExperimentRunner.CreateNetwork(Spec.Base with { Seed = seed });
            var reference = ReferenceOptimum.Find(network, network.DrawInit(new TorchGenerator(seed)), "init");
            Assert.Equal(reference.Loss, row.MinimumLoss);
        }
    }

    [Fact]
    public void Run_LogisticSweep_MeasuresAgainstNewtonsOptimum()
    {
        var spec = Spec with { Base = Spec.Base with { Model = ModelSpec.Parse("logistic") } };
        var result = SweepRunner.Run(spec);
        foreach (var row in result.Rows)
        {
            var network = ExperimentRunner.CreateNetwork(spec.Base with { Seed = spec.Base.Seed + (uint)row.Replicate });
            Assert.Equal(LogisticOptimum.Find(network).Loss, row.MinimumLoss);
            Assert.True(row.FinalExcessLoss >= 0);
        }
    }
}
