using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

public class StepLRTests
{
    [Fact]
    public void Step_EveryTwentyEpochs_MatchesPyTorch()
    {
        var options = new SgdOptions { LearningRate = 0.05 };
        var schedule = new StepLR { StepSize = 20 };
        GoldenCheck.WithTorchGradients("sgd_step_lr", options, schedule);
        GoldenCheck.WithProblemGradients("sgd_step_lr", options, schedule);
    }

    [Fact]
    public void Step_WithGammaAndMomentum_MatchesPyTorch()
    {
        var options = new SgdOptions { LearningRate = 0.05, Momentum = 0.5 };
        var schedule = new StepLR { StepSize = 7, Gamma = 0.7 };
        GoldenCheck.WithTorchGradients("sgd_step_lr_gamma", options, schedule);
        GoldenCheck.WithProblemGradients("sgd_step_lr_gamma", options, schedule);
    }

    [Fact]
    public void Step_ThreeEpochsOfThree_DecaysOnceOnTheThird()
    {
        var scheduler = new StepLR { StepSize = 3, Gamma = 0.5 }.Create(0.8);
        var rates = new List<double> { scheduler.LearningRate };
        for (var e = 0; e < 6; e++)
        {
            scheduler.Step();
            rates.Add(scheduler.LearningRate);
        }

        Assert.Equal([0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.2], rates);
    }

    [Fact]
    public void Init_StepSizeZero_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR { StepSize = 0 });
        Assert.Equal(nameof(StepLR.StepSize), e.ParamName);
        Assert.StartsWith("Invalid step_size value: 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_NegativeGamma_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR { StepSize = 1, Gamma = -0.5 });
        Assert.Equal(nameof(StepLR.Gamma), e.ParamName);
        Assert.StartsWith("Invalid gamma value: -0.5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NegativeLearningRate_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR { StepSize = 1 }.Create(-1));
        Assert.StartsWith("Invalid learning rate: -1", e.Message, StringComparison.Ordinal);
    }
}
