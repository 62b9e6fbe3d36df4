using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

public class AdagradTests
{
    private static readonly Dictionary<string, AdagradOptions> Golden = new()
    {
        ["adagrad"] = new() { LearningRate = 0.1 },
        ["adagrad_lr_decay"] = new() { LearningRate = 0.1, LearningRateDecay = 0.01 },
        ["adagrad_initial_accumulator"] = new() { LearningRate = 0.1, InitialAccumulatorValue = 0.5, Epsilon = 1e-6 },
        ["adagrad_weight_decay"] = new() { LearningRate = 0.1, WeightDecay = 0.1 },
        ["adagrad_maximize"] = new() { LearningRate = 0.01, Maximize = true },
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
    public void Create_InitialAccumulatorValue_FillsTheSum()
    {
        var adagrad = new AdagradOptions { InitialAccumulatorValue = 0.25 }.Create(3);
        Assert.Equal([0.25, 0.25, 0.25], adagrad.State.Sum.ToArray());
    }

    [Fact]
    public void Step_WithLearningRateDecay_DividesTheRateByOnePlusStepsTakenTimesDecay()
    {
        var adagrad = new AdagradOptions { LearningRateDecay = 0.5, Epsilon = 0 }.Create(1);
        double[] theta = [0.0];
        adagrad.Step(theta, [2.0], 1.0);
        Assert.Equal(-1.0, theta[0]);
        adagrad.Step(theta, [0.0], 1.0);
        Assert.Equal(-1.0, theta[0]);
        // Third step: γ/(1 + 2·0.5) = 0.5; the sum is 4 + 0 + 9 = 13.
        adagrad.Step(theta, [3.0], 1.0);
        Assert.Equal(-1.0 - (0.5 * 3 / Math.Sqrt(13)), theta[0], 1e-15);
    }

    [Fact]
    public void Update_ManySteps_AllocatesNothing()
    {
        var options = new AdagradOptions { LearningRateDecay = 0.01, WeightDecay = 0.1 };
        var state = new AdagradState(3, 0.1);
        var theta = new double[] { 1, 2, 3 };
        var gradient = new double[] { 0.1, -0.2, 0.3 };
        Adagrad.Update(options, 0.01, state, theta, gradient);
        OptimizerLaws.AssertAllocatesNothingPerStep(_ =>
        {
            Adagrad.Update(options, 0.01, state, theta, gradient);
        });
    }

    [Fact]
    public void Reset_AfterTraining_GivesTheTrajectoryOfAFreshOptimizer() =>
        OptimizerLaws.AssertResetRestarts(new AdagradOptions { LearningRate = 0.1, InitialAccumulatorValue = 0.5 });
}
