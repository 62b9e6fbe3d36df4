using DescentLab.Experiments;
using DescentLab.Models;
using DescentLab.Optimizers;
using DescentLab.Randomness;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Tests.Training;

/// <summary>The divergence rule: θ or the full-data loss not finite, or the loss above factor × max(L(θ₀), L*).</summary>
public class DivergenceTests
{
    private static readonly Problem Seed = ExperimentRunner.CreateProblem(new ExperimentSpec());

    private static double[] Init() => TorchLinearInit.Draw(new TorchGenerator(0), 2);

    private static Method Gd(double lr) => new("gd", SamplerOptions.FullBatch, new SgdOptions { LearningRate = lr });

    [Fact]
    public void Train_SeedAtLr002_StopsAtTheFirstStepAboveTheThresholdWithFiniteNumbers()
    {
        // Before the rule, this run went on for 300 steps to a loss of 3e295 and was not called diverged.
        var init = Init();
        var t = Trainer.Train(Seed, Gd(0.02), init, new TrainingOptions(), null);

        var threshold = 1e6 * Math.Max(Seed.Loss(init), Seed.FullData.MinimumLoss);
        Assert.Equal(threshold, t.DivergenceThreshold);
        Assert.True(t.Diverged);
        Assert.Equal(t.Step[^1], t.DivergedAtStep);
        Assert.True(t.Loss[^1] > threshold);
        Assert.True(t.Loss[^2] <= threshold, "every step is recorded, so the step before is the last one below");
        Assert.All(t.Loss.ToArray(), v => Assert.True(double.IsFinite(v)));
        Assert.StartsWith("full-data loss ", t.DivergenceReason, StringComparison.Ordinal);
        Assert.Contains($"at step {t.DivergedAtStep}", t.DivergenceReason, StringComparison.Ordinal);
        Assert.InRange(t.DivergedAtStep!.Value, 2, 20);
    }

    [Fact]
    public void Train_RecordingEveryThousandSteps_StopsWhenTheBatchLossPassesTheThreshold()
    {
        // Unrecorded steps skip the full-data loss; a batch loss above the threshold makes the trainer look.
        var method = new Method("sgd", new SamplerOptions { Kind = SamplerKind.Reshuffle, BatchSize = 10 }, new SgdOptions { LearningRate = 0.011 });
        var t = Trainer.Train(Seed, method, Init(), new TrainingOptions { RecordEvery = 1000 }, LoaderRandomness.Private(new TorchGenerator(3)));

        Assert.True(t.Diverged);
        Assert.True(t.DivergedAtStep < 1000, $"diverged at {t.DivergedAtStep}");
        Assert.Equal(t.DivergedAtStep, t.Step[^1]);
        Assert.True(t.Loss[^1] > t.DivergenceThreshold && double.IsFinite(t.Loss[^1]));
    }

    [Fact]
    public void Train_LargerFactor_StopsLater()
    {
        var early = Trainer.Train(Seed, Gd(0.011), Init(), new TrainingOptions(), null);
        var late = Trainer.Train(Seed, Gd(0.011), Init(), new TrainingOptions { DivergenceFactor = 1e12 }, null);

        Assert.True(early.DivergedAtStep < late.DivergedAtStep);
        Assert.True(late.Loss[^1] > 1e12 * late.Loss[0]);
    }

    [Fact]
    public void Train_StableLr_NeverDiverges()
    {
        var t = Trainer.Train(Seed, Gd(0.009), Init(), new TrainingOptions { Epochs = 2000 }, null);
        Assert.False(t.Diverged);
        Assert.Equal(2000, t.Step[^1]);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void DivergenceFactor_BelowOneOrNotFinite_Throws(double factor)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { DivergenceFactor = factor });
        Assert.StartsWith("divergenceFactor: ", e.Message, StringComparison.Ordinal);
    }
}
