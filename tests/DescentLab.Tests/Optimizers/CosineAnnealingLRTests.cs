using CsCheck;
using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

public class CosineAnnealingLRTests
{
    [Fact]
    public void Step_OverThreeHalfPeriods_MatchesPyTorch()
    {
        var options = new SgdOptions { LearningRate = 0.05 };
        var schedule = new CosineAnnealingLR { TMax = 20 };
        GoldenCheck.WithTorchGradients("sgd_cosine_lr", options, schedule);
        GoldenCheck.WithProblemGradients("sgd_cosine_lr", options, schedule);
    }

    [Fact]
    public void Step_WithEtaMinOverManyPeriods_MatchesPyTorch()
    {
        var options = new SgdOptions { LearningRate = 0.05 };
        var schedule = new CosineAnnealingLR { TMax = 7, EtaMin = 0.005 };
        GoldenCheck.WithTorchGradients("sgd_cosine_lr_eta_min", options, schedule);
        GoldenCheck.WithProblemGradients("sgd_cosine_lr_eta_min", options, schedule);
    }

    [Fact]
    public void Step_AnyPeriod_StaysCloseToTheClosedForm()
    {
        // The recursion equals η + (γ₀ − η)(1 + cos(πe/T))/2 up to accumulated rounding.
        Gen.Select(Gen.Int[1, 50], Gen.Double[0, 1], Gen.Double[0, 1]).Sample((tMax, lr, fraction) =>
        {
            var etaMin = lr * fraction;
            var scheduler = new CosineAnnealingLR { TMax = tMax, EtaMin = etaMin }.Create(lr);
            for (var e = 1; e <= 4 * tMax; e++)
            {
                scheduler.Step();
                var closed = etaMin + ((lr - etaMin) * (1 + Math.Cos(Math.PI * e / tMax)) / 2);
                Assert.Equal(closed, scheduler.LearningRate, 1e-12);
            }
        });
    }

    [Fact]
    public void Init_ZeroTMax_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingLR { TMax = 0 });
        Assert.Equal(nameof(CosineAnnealingLR.TMax), e.ParamName);
        Assert.StartsWith("Invalid T_max value: 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_NegativeEtaMin_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingLR { TMax = 5, EtaMin = -0.25 });
        Assert.Equal(nameof(CosineAnnealingLR.EtaMin), e.ParamName);
        Assert.StartsWith("Invalid eta_min value: -0.25", e.Message, StringComparison.Ordinal);
    }
}
