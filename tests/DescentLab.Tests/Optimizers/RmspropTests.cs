using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

public class RmspropTests
{
    private static readonly Dictionary<string, RmspropOptions> Golden = new()
    {
        ["rmsprop"] = new() { LearningRate = 0.01 },
        ["rmsprop_centered"] = new() { LearningRate = 0.01, Centered = true },
        ["rmsprop_momentum"] = new() { LearningRate = 0.005, Momentum = 0.9 },
        ["rmsprop_weight_decay"] = new() { LearningRate = 0.01, WeightDecay = 0.1 },
        ["rmsprop_centered_momentum"] = new()
        {
            LearningRate = 0.005, Alpha = 0.9, Epsilon = 1e-6, Momentum = 0.5, Centered = true,
        },
        ["rmsprop_maximize"] = new() { LearningRate = 1e-3, Maximize = true },
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
    public void Step_FirstStep_DividesByTheRootOfOneMinusAlphaTimesTheSquare()
    {
        var rmsprop = new RmspropOptions { Alpha = 0.75, Epsilon = 0 }.Create(1);
        double[] theta = [1.0];
        rmsprop.Step(theta, [3.0], 0.5);
        // v = 0.25·9, so the step is 0.5·3/1.5 = 1.
        Assert.Equal(0.0, theta[0], 1e-15);
        Assert.Equal(2.25, rmsprop.State.SquareAvg[0]);
    }

    [Fact]
    public void Update_ManySteps_AllocatesNothing()
    {
        var options = new RmspropOptions { Centered = true, Momentum = 0.9, WeightDecay = 0.1 };
        var state = new RmspropState(3);
        var theta = new double[] { 1, 2, 3 };
        var gradient = new double[] { 0.1, -0.2, 0.3 };
        Rmsprop.Update(options, 0.01, state, theta, gradient);
        OptimizerLaws.AssertAllocatesNothingPerStep(_ =>
        {
            Rmsprop.Update(options, 0.01, state, theta, gradient);
        });
    }

    [Fact]
    public void Reset_AfterTraining_GivesTheTrajectoryOfAFreshOptimizer() =>
        OptimizerLaws.AssertResetRestarts(new RmspropOptions { Centered = true, Momentum = 0.5 });
}
