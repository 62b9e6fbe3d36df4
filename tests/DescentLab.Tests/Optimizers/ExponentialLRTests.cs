using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

public class ExponentialLRTests
{
    [Fact]
    public void Step_EachEpoch_MatchesPyTorch()
    {
        var options = new SgdOptions { LearningRate = 0.05 };
        var schedule = new ExponentialLR { Gamma = 0.95 };
        GoldenCheck.WithTorchGradients("sgd_exponential_lr", options, schedule);
        GoldenCheck.WithProblemGradients("sgd_exponential_lr", options, schedule);
    }

    [Fact]
    public void Step_ManyEpochs_IsARunningProductNotAPower()
    {
        var scheduler = new ExponentialLR { Gamma = 0.9 }.Create(0.1);
        var expected = 0.1;
        for (var e = 0; e < 50; e++)
        {
            scheduler.Step();
            expected *= 0.9;
        }

        Assert.Equal(expected, scheduler.LearningRate);
        Assert.Equal(0.1 * Math.Pow(0.9, 50), scheduler.LearningRate, 1e-15);
    }

    [Fact]
    public void Init_NaNGamma_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialLR { Gamma = double.NaN });
        Assert.Equal(nameof(ExponentialLR.Gamma), e.ParamName);
        Assert.StartsWith("Invalid gamma value: nan", e.Message, StringComparison.Ordinal);
    }
}
