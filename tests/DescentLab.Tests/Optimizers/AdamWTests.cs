using CsCheck;
using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

public class AdamWTests
{
    private static readonly Dictionary<string, AdamWOptions> Golden = new()
    {
        ["adamw"] = new() { LearningRate = 0.05 },
        ["adamw_amsgrad"] = new() { LearningRate = 0.05, WeightDecay = 0.1, Amsgrad = true },
        ["adamw_maximize"] = new() { LearningRate = 1e-3, Maximize = true },
    };

    public static TheoryData<string> GoldenCases => [.. Golden.Keys];

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Step_WithTorchGradients_ReproducesPyTorchBitForBit(string name) =>
        GoldenCheck.WithTorchGradients(name, Golden[name]);

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Step_TrainingOnProblem_MatchesPyTorch(string name) =>
        GoldenCheck.WithProblemGradients(name, Golden[name]);

    [Fact]
    public void Step_WithoutWeightDecay_EqualsAdam()
    {
        Gen.Double[-10, 10].Array[3].Array[1, 20].Sample(gradients =>
        {
            var adamW = new AdamWOptions { LearningRate = 0.1, WeightDecay = 0, Amsgrad = true }.Create(3);
            var adam = new AdamOptions { LearningRate = 0.1, Amsgrad = true }.Create(3);
            double[] a = [1, -2, 3];
            double[] b = [1, -2, 3];
            foreach (var g in gradients)
            {
                adamW.Step(a, g, 0.1);
                adam.Step(b, g, 0.1);
            }

            Assert.Equal(b, a);
        });
    }

    [Fact]
    public void Step_ZeroGradient_ShrinksParametersByOneMinusLearningRateTimesDecay()
    {
        var adamW = new AdamWOptions { WeightDecay = 0.5 }.Create(2);
        double[] theta = [2.0, -4.0];
        adamW.Step(theta, [0.0, 0.0], 0.1);
        Assert.Equal([2.0 * 0.95, -4.0 * 0.95], theta);
    }

    [Fact]
    public void Update_ManySteps_AllocatesNothing()
    {
        var options = new AdamWOptions { Amsgrad = true, Maximize = true };
        var state = new AdamState(3);
        var theta = new double[] { 1, 2, 3 };
        var gradient = new double[] { 0.1, -0.2, 0.3 };
        AdamW.Update(options, 0.01, state, theta, gradient);
        OptimizerLaws.AssertAllocatesNothingPerStep(_ =>
        {
            AdamW.Update(options, 0.01, state, theta, gradient);
        });
    }

    [Fact]
    public void Reset_AfterTraining_GivesTheTrajectoryOfAFreshOptimizer() =>
        OptimizerLaws.AssertResetRestarts(new AdamWOptions { LearningRate = 0.05, WeightDecay = 0.1 });
}
