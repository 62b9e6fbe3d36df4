using CsCheck;
using DescentLab.Data;
using DescentLab.Models;
using DescentLab.Optimizers;
using DescentLab.Randomness;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Tests.Training;

public class TrainerTests
{
    private static Problem Quadratic(int n = 40, uint seed = 1)
    {
        var g = new TorchGenerator(seed);
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = (g.Random() / (double)uint.MaxValue * 4) - 2;
            y[i] = (3 * x[i] * x[i]) + x[i] - 1 + ((g.Random() / (double)uint.MaxValue) - 0.5);
        }

        return new Problem(new Dataset(["x"], [x], "y", y), 2);
    }

    private static Method Sgd(SamplerOptions sampler, double lr = 0.01) => new("m", sampler, new SgdOptions { LearningRate = lr });

    [Fact]
    public void Train_FullBatch_EqualsSequentialWithBatchOfAllSamples()
    {
        Gen.Select(Gen.Int[5, 60], Gen.UInt, Gen.Double[1e-4, 0.05]).Sample((n, seed, lr) =>
        {
            var problem = Quadratic(n, seed);
            var options = new TrainingOptions { Epochs = 20 };
            double[] init = [0.1, -0.2, 0.3];
            var full = Trainer.Train(problem, Sgd(SamplerOptions.FullBatch, lr), init, options, null);
            var sequential = Trainer.Train(problem, Sgd(new SamplerOptions { BatchSize = n }, lr), init, options, LoaderRandomness.Private(new TorchGenerator(0)));
            for (var row = 0; row < full.Count; row++)
            {
                for (var j = 0; j < 3; j++)
                {
                    var a = full.Parameter(j)[row];
                    var b = sequential.Parameter(j)[row];
                    if (Math.Abs(a - b) > 1e-12 * (1 + Math.Abs(a)))
                    {
                        return false;
                    }
                }
            }

            return full.Count == sequential.Count;
        });
    }

    [Fact]
    public void Train_RecordEvery_KeepsInitFirstStepMultiplesAndLastStep()
    {
        var problem = Quadratic();
        var trajectory = Trainer.Train(
            problem,
            Sgd(new SamplerOptions { BatchSize = 7 }),
            [0.0, 0, 0],
            new TrainingOptions { Epochs = 5, RecordEvery = 4 },
            LoaderRandomness.Private(new TorchGenerator(0)));
        // 40 samples in batches of 7: 6 batches per epoch, 30 steps.
        Assert.Equal([0L, 1, 4, 8, 12, 16, 20, 24, 28, 30], trajectory.Step.ToArray());
        Assert.Equal([0L, 7, 28, 54, 80, 108, 134, 160, 188, 200], trajectory.Samples.ToArray());
        Assert.Equal(5.0, trajectory.Epoch[^1]);
        Assert.Equal(1.0 / 6, trajectory.Epoch[1], 15);
        Assert.True(double.IsNaN(trajectory.BatchLoss[0]));
        Assert.Equal(problem.Loss([0.0, 0, 0]), trajectory.Loss[0]);
    }

    [Fact]
    public void Train_EveryRow_FullDataLossMatchesRecordedParameters()
    {
        var problem = Quadratic();
        var trajectory = Trainer.Train(problem, Sgd(new SamplerOptions { Kind = SamplerKind.Reshuffle, BatchSize = 8 }), [0.0, 0, 0], new TrainingOptions { Epochs = 3 }, LoaderRandomness.Private(new TorchGenerator(5)));
        var theta = new double[3];
        for (var row = 0; row < trajectory.Count; row++)
        {
            trajectory.ParametersAt(row, theta);
            Assert.Equal(problem.DirectLoss(theta), trajectory.Loss[row], 10);
        }
    }

    [Fact]
    public void Train_StepTooLarge_StopsAndMarksDivergedWithReason()
    {
        var problem = Quadratic();
        var trajectory = Trainer.Train(problem, Sgd(SamplerOptions.FullBatch, lr: 10), [0.0, 0, 0], new TrainingOptions { Epochs = 10_000, RecordEvery = 100 }, null);
        Assert.True(trajectory.Diverged);
        Assert.InRange(trajectory.DivergedAtStep!.Value, 2, 9_999);
        Assert.Equal(trajectory.DivergedAtStep.Value, trajectory.Step[^1]);
        Assert.Contains($"at step {trajectory.DivergedAtStep}", trajectory.DivergenceReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_StableStep_DoesNotDivergeAndApproachesOptimum()
    {
        var problem = Quadratic();
        var trajectory = Trainer.Train(problem, Sgd(SamplerOptions.FullBatch, lr: 0.02), [0.0, 0, 0], new TrainingOptions { Epochs = 20_000, RecordEvery = 1000 }, null);
        Assert.False(trajectory.Diverged);
        Assert.Null(trajectory.DivergenceReason);
        Assert.Equal(problem.FullData.MinimumLoss, trajectory.Loss[^1], 9);
    }

    [Fact]
    public void Train_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            Trainer.Train(Quadratic(), Sgd(SamplerOptions.FullBatch), [0.0, 0, 0], new TrainingOptions(), null, cancellationToken: cts.Token));
    }

    [Fact]
    public void Train_WithProgress_ReportsUpToTheLastEpoch()
    {
        var reports = new List<TrainingProgress>();
        var progress = new SynchronousProgress(reports.Add);
        Trainer.Train(Quadratic(), Sgd(SamplerOptions.FullBatch), [0.0, 0, 0], new TrainingOptions { Epochs = 250 }, null, 3, progress);
        Assert.Equal(125, reports.Count);
        Assert.Equal(new TrainingProgress("m", 3, 250, 250), reports[^1]);
    }

    [Fact]
    public void Train_InitOfWrongLength_ThrowsNamingParameters()
    {
        var error = Assert.Throws<ArgumentException>(() => Trainer.Train(Quadratic(), Sgd(SamplerOptions.FullBatch), [0.0, 0], new TrainingOptions(), null));
        Assert.Contains("x, x^2, 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_KeepBatchesOfEpoch_KeepsThatEpochsShuffledBatches()
    {
        var problem = Quadratic();
        var method = Sgd(new SamplerOptions { Kind = SamplerKind.Reshuffle, BatchSize = 16 });
        var trajectory = Trainer.Train(problem, method, [0.0, 0, 0], new TrainingOptions { Epochs = 3, KeepBatchesOfEpoch = 1 }, LoaderRandomness.Private(new TorchGenerator(9)));

        var replay = new BatchSampler(method.Sampler, problem.SampleCount, LoaderRandomness.Private(new TorchGenerator(9)));
        replay.BeginEpoch();
        replay.BeginEpoch();
        var kept = trajectory.KeptBatches!;
        Assert.Equal(3, kept.Count);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(replay.Batch(k).ToArray(), kept[k]);
        }

        Assert.Equal([16, 16, 8], kept.Select(b => b.Length));
    }

    [Fact]
    public void RowCount_AnyLengthAndInterval_EqualsRowsRecorded()
    {
        Gen.Select(Gen.Int[1, 60], Gen.Int[1, 25]).Sample((epochs, every) =>
        {
            var problem = Quadratic(10);
            var trajectory = Trainer.Train(problem, Sgd(new SamplerOptions { BatchSize = 4 }), [0.0, 0, 0], new TrainingOptions { Epochs = epochs, RecordEvery = every }, LoaderRandomness.Private(new TorchGenerator(1)));
            var steps = trajectory.Step.ToArray();
            var expected = new[] { 0L }.Concat(Enumerable.Range(1, epochs * 3).Select(s => (long)s).Where(s => s == 1 || s % every == 0 || s == epochs * 3));
            return steps.SequenceEqual(expected) && Trainer.RowCount(epochs * 3, every) == steps.Length;
        });
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
