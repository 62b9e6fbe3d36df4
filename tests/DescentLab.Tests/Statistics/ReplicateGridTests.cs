using CsCheck;
using DescentLab.Data;
using DescentLab.Models;
using DescentLab.Optimizers;
using DescentLab.Randomness;
using DescentLab.Sampling;
using DescentLab.Statistics;
using DescentLab.Training;

namespace DescentLab.Tests.Statistics;

public class ReplicateGridTests
{
    private static readonly Problem Seed = new(new SeedDataGenerator().Generate(0), 2);

    [Fact]
    public void For_AnySamplerAndInterval_EqualsTheTrainersRecordedRows()
    {
        var kinds = new[] { SamplerKind.FullBatch, SamplerKind.Sequential, SamplerKind.Reshuffle, SamplerKind.ShuffleOnce, SamplerKind.WithReplacement };
        Gen.Select(Gen.Int[0, 4], Gen.Int[1, 100], Gen.Bool, Gen.Int[1, 12], Gen.Int[1, 40]).Sample((kind, batch, dropLast, epochs, every) =>
        {
            var sampler = kinds[kind] == SamplerKind.FullBatch ? SamplerOptions.FullBatch : new SamplerOptions { Kind = kinds[kind], BatchSize = batch, DropLast = dropLast };
            var training = new TrainingOptions { Epochs = epochs, RecordEvery = every };
            var method = new Method("m", sampler, new SgdOptions { LearningRate = 1e-4 });
            var trajectory = Trainer.Train(Seed, method, [0.1, 0.2, 0.3], training, LoaderRandomness.Private(new TorchGenerator(1)));
            var grid = ReplicateGrid.For(sampler, Seed.SampleCount, training);
            return grid.Step.SequenceEqual(trajectory.Step) && grid.Epoch.SequenceEqual(trajectory.Epoch) && grid.Samples.SequenceEqual(trajectory.Samples);
        });
    }

    [Fact]
    public void For_SeedSgdEveryStep_HasInitAndTwelveHundredSteps()
    {
        var grid = ReplicateGrid.For(new SamplerOptions { Kind = SamplerKind.Sequential, BatchSize = 25 }, 100, new TrainingOptions());
        Assert.Equal(1201, grid.Count);
        Assert.Equal(4, grid.BatchesPerEpoch);
        Assert.Equal(1200, grid.TotalSteps);
        Assert.Equal(200, grid.IndexOf(200));
        Assert.Equal(50.0, grid.Epoch[200]);
        Assert.Equal(5000, grid.Samples[200]);
        Assert.Equal(-1, grid.IndexOf(1201));
    }
}
