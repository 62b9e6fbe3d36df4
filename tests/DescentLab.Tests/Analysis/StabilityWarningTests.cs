using DescentLab.Analysis;
using DescentLab.Experiments;
using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Tests.Analysis;

public class StabilityWarningTests
{
    private static readonly ProblemAnalysis Seed = ProblemAnalysis.Analyze(ExperimentRunner.CreateProblem(new ExperimentSpec()));

    private static Method Sgd(string name, double lr, double momentum = 0, double weightDecay = 0) =>
        new(name, SamplerOptions.FullBatch, new SgdOptions { LearningRate = lr, Momentum = momentum, WeightDecay = weightDecay });

    [Fact]
    public void Of_SeedMethodsAtLr002_OneWarningNamingEveryMethod()
    {
        var methods = ExperimentSpec.SeedMethods().Select(m => m with { Optimizer = m.Optimizer with { LearningRate = 0.02 } });

        var warning = Assert.Single(StabilityWarning.Of(Seed, methods));

        Assert.Equal(["gd", "sgd", "sgd-shuffle"], warning.Methods);
        Assert.Equal(Seed.StabilityBound, warning.Bound, 15);
        Assert.Contains("lr 0.02 is 2.05× the GD stability bound 2/λmax = 0.00977", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_AtTheBoundExactly_Warns_JustBelow_DoesNot()
    {
        Assert.Single(StabilityWarning.Of(Seed, [Sgd("a", Seed.StabilityBound)]));
        Assert.Empty(StabilityWarning.Of(Seed, [Sgd("a", Seed.StabilityBound * 0.999)]));
    }

    [Fact]
    public void Of_MomentumOrAdam_NoWarning()
    {
        Method adam = new("adam", SamplerOptions.FullBatch, new AdamOptions { LearningRate = 1 });
        Assert.Empty(StabilityWarning.Of(Seed, [Sgd("m", 0.02, momentum: 0.9), adam]));
    }

    [Fact]
    public void Of_WeightDecay_LowersTheBound()
    {
        var lr = 2 / (Seed.LargestEigenvalue + 10);
        Assert.Single(StabilityWarning.Of(Seed, [Sgd("wd", lr * 1.001, weightDecay: 10)]));
        Assert.Empty(StabilityWarning.Of(Seed, [Sgd("plain", lr * 1.001)]));
    }
}
