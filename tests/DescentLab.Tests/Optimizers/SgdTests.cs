using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

public class SgdTests
{
    private static readonly Dictionary<string, SgdOptions> Golden = new()
    {
        ["sgd_plain"] = new() { LearningRate = 0.05 },
        ["sgd_momentum"] = new() { LearningRate = 0.02, Momentum = 0.9 },
        ["sgd_dampening"] = new() { LearningRate = 0.02, Momentum = 0.9, Dampening = 0.5 },
        ["sgd_nesterov"] = new() { LearningRate = 0.02, Momentum = 0.9, Nesterov = true },
        ["sgd_weight_decay"] = new() { LearningRate = 0.05, WeightDecay = 0.1 },
        ["sgd_momentum_weight_decay"] = new() { LearningRate = 0.02, Momentum = 0.8, Dampening = 0.1, WeightDecay = 0.05 },
        ["sgd_maximize"] = new() { LearningRate = 1e-4, Maximize = true },
        ["sgd_maximize_momentum"] = new() { LearningRate = 1e-4, Momentum = 0.5, Maximize = true },
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
    public void Step_FirstStepWithMomentum_SeedsBufferWithUndampenedGradient()
    {
        var sgd = new SgdOptions { LearningRate = 0.1, Momentum = 0.9, Dampening = 0.5 }.Create(2);
        double[] theta = [1.0, -2.0];
        sgd.Step(theta, [0.5, 4.0], 0.1);
        Assert.Equal([0.5, 4.0], sgd.State.MomentumBuffer.ToArray());
        Assert.Equal([1.0 - 0.05, -2.0 - 0.4], theta);
        sgd.Step(theta, [1.0, 0.0], 0.1);
        Assert.Equal([(0.9 * 0.5) + 0.5, 0.9 * 4.0], sgd.State.MomentumBuffer.ToArray());
    }

    [Fact]
    public void Step_WithoutMomentum_LeavesNoBuffer()
    {
        var sgd = new SgdOptions { LearningRate = 0.5 }.Create(1);
        double[] theta = [2.0];
        sgd.Step(theta, [1.0], 0.5);
        Assert.Equal(1.5, theta[0]);
        Assert.False(sgd.State.HasMomentumBuffer);
    }

    [Fact]
    public void Step_WrongLength_Throws()
    {
        var sgd = new SgdOptions().Create(3);
        var e = Assert.Throws<ArgumentException>(() => sgd.Step(new double[3], new double[2], 0.1));
        Assert.Contains("Expected 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_ManySteps_AllocatesNothing()
    {
        var options = new SgdOptions { LearningRate = 0.01, Momentum = 0.9, Nesterov = true, WeightDecay = 0.1 };
        var state = new SgdState(3);
        var theta = new double[] { 1, 2, 3 };
        var gradient = new double[] { 0.1, -0.2, 0.3 };
        Sgd.Update(options, 0.01, state, theta, gradient);
        OptimizerLaws.AssertAllocatesNothingPerStep(_ =>
        {
            Sgd.Update(options, 0.01, state, theta, gradient);
        });
    }

    [Fact]
    public void Reset_AfterTraining_GivesTheTrajectoryOfAFreshOptimizer() =>
        OptimizerLaws.AssertResetRestarts(new SgdOptions { LearningRate = 0.02, Momentum = 0.9, Nesterov = true });

    [Fact]
    public void Options_IsTheCreatingRecord()
    {
        var options = new SgdOptions { Momentum = 0.5 };
        Assert.Same(options, options.Create(2).Options);
    }
}
