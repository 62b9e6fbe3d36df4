using CsCheck;
using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

public class AdamTests
{
    private static readonly Dictionary<string, AdamOptions> Golden = new()
    {
        ["adam_default"] = new(),
        ["adam"] = new() { LearningRate = 0.05 },
        ["adam_betas_eps"] = new() { LearningRate = 0.05, Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-3 },
        ["adam_amsgrad"] = new() { LearningRate = 0.05, Amsgrad = true },
        ["adam_weight_decay"] = new() { LearningRate = 0.05, WeightDecay = 0.1 },
        ["adam_maximize"] = new() { LearningRate = 1e-3, Maximize = true },
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
    public void Step_WithCosineSchedule_MatchesPyTorch()
    {
        var options = new AdamOptions { LearningRate = 0.05 };
        var schedule = new CosineAnnealingLR { TMax = 15, EtaMin = 1e-3 };
        GoldenCheck.WithTorchGradients("adam_cosine_lr", options, schedule);
        GoldenCheck.WithProblemGradients("adam_cosine_lr", options, schedule);
    }

    [Fact]
    public void Step_FirstStepWithoutEpsilon_MovesEachParameterByTheLearningRate()
    {
        // m̂₁ = g and v̂₁ = g², so the first step is −γ·sign(g) whatever the gradient's scale.
        Gen.Double[-1e3, 1e3].Where(g => Math.Abs(g) > 1e-100).Array[1, 6].Sample(gradient =>
        {
            var adam = new AdamOptions { LearningRate = 0.01, Epsilon = 0 }.Create(gradient.Length);
            var theta = new double[gradient.Length];
            adam.Step(theta, gradient, 0.01);
            for (var i = 0; i < theta.Length; i++)
            {
                Assert.Equal(-0.01 * Math.Sign(gradient[i]), theta[i], 1e-15);
            }
        });
    }

    [Fact]
    public void Step_Amsgrad_KeepsTheRunningMaximumOfTheSecondMoment()
    {
        var adam = new AdamOptions { Amsgrad = true }.Create(1);
        double[] theta = [0.0];
        adam.Step(theta, [10.0], 1e-3);
        var peak = adam.State.MaxExpAvgSq[0];
        adam.Step(theta, [0.0], 1e-3);
        Assert.Equal(peak, adam.State.MaxExpAvgSq[0]);
        Assert.True(adam.State.ExpAvgSq[0] < peak);
    }

    [Fact]
    public void Update_ManySteps_AllocatesNothing()
    {
        var options = new AdamOptions { Amsgrad = true, WeightDecay = 0.1 };
        var state = new AdamState(3);
        var theta = new double[] { 1, 2, 3 };
        var gradient = new double[] { 0.1, -0.2, 0.3 };
        Adam.Update(options, 0.01, state, theta, gradient);
        OptimizerLaws.AssertAllocatesNothingPerStep(_ =>
        {
            Adam.Update(options, 0.01, state, theta, gradient);
        });
    }

    [Fact]
    public void Reset_AfterTraining_GivesTheTrajectoryOfAFreshOptimizer() =>
        OptimizerLaws.AssertResetRestarts(new AdamOptions { LearningRate = 0.05, Amsgrad = true });
}
