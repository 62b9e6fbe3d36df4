using System.Text.Json;
using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

public class OptimizerOptionsTests
{
    // The settings tests/reference/optimizer_golden.py passes to torch in errors.json, made the C# way.
    private static readonly Dictionary<string, Func<OptimizerOptions>> BadSettings = new()
    {
        ["sgd_lr"] = () => new SgdOptions { LearningRate = -0.5 },
        ["sgd_momentum"] = () => new SgdOptions { LearningRate = 0.1, Momentum = -0.5 },
        ["sgd_weight_decay"] = () => new SgdOptions { LearningRate = 0.1, WeightDecay = -0.001 },
        ["adam_lr"] = () => new AdamOptions { LearningRate = -0.5 },
        ["adam_eps"] = () => new AdamOptions { Epsilon = -1e-08 },
        ["adam_beta1"] = () => new AdamOptions { Beta1 = 1 },
        ["adam_beta2"] = () => new AdamOptions { Beta2 = -0.5 },
        ["adam_weight_decay"] = () => new AdamOptions { WeightDecay = -0.5 },
        ["adamw_lr"] = () => new AdamWOptions { LearningRate = -0.5 },
        ["adamw_eps"] = () => new AdamWOptions { Epsilon = -1e-08 },
        ["adamw_beta1"] = () => new AdamWOptions { Beta1 = -0.5 },
        ["adamw_beta2"] = () => new AdamWOptions { Beta2 = 1 },
        ["adamw_weight_decay"] = () => new AdamWOptions { WeightDecay = -0.5 },
        ["rmsprop_lr"] = () => new RmspropOptions { LearningRate = -0.5 },
        ["rmsprop_eps"] = () => new RmspropOptions { Epsilon = -1e-08 },
        ["rmsprop_momentum"] = () => new RmspropOptions { Momentum = -0.5 },
        ["rmsprop_weight_decay"] = () => new RmspropOptions { WeightDecay = -0.5 },
        ["rmsprop_alpha"] = () => new RmspropOptions { Alpha = -0.5 },
        ["adagrad_lr"] = () => new AdagradOptions { LearningRate = -0.5 },
        ["adagrad_lr_decay"] = () => new AdagradOptions { LearningRateDecay = -0.5 },
        ["adagrad_weight_decay"] = () => new AdagradOptions { WeightDecay = -0.5 },
        ["adagrad_initial_accumulator_value"] = () => new AdagradOptions { InitialAccumulatorValue = -0.5 },
        ["adagrad_eps"] = () => new AdagradOptions { Epsilon = -1e-10 },
    };

    private static readonly Dictionary<string, string> PropertyOf = new()
    {
        ["lr"] = "LearningRate",
        ["momentum"] = "Momentum",
        ["weight_decay"] = "WeightDecay",
        ["eps"] = "Epsilon",
        ["beta1"] = "Beta1",
        ["beta2"] = "Beta2",
        ["alpha"] = "Alpha",
        ["lr_decay"] = "LearningRateDecay",
        ["initial_accumulator_value"] = "InitialAccumulatorValue",
    };

    public static TheoryData<string> BadSettingNames => [.. BadSettings.Keys];

    public static TheoryData<string> NesterovCases => ["sgd_nesterov_without_momentum", "sgd_nesterov_with_dampening"];

    [Theory]
    [MemberData(nameof(BadSettingNames))]
    public void Init_BadValue_ThrowsWithTorchsMessage(string name)
    {
        var torchMessage = GoldenTrajectory.ReadJson("errors").GetProperty(name).GetString()!;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BadSettings[name]());
        Assert.StartsWith(torchMessage + " (Parameter", e.Message, StringComparison.Ordinal);
        Assert.Equal(PropertyOf[name[(name.IndexOf('_', StringComparison.Ordinal) + 1)..]], e.ParamName);
    }

    [Theory]
    [MemberData(nameof(NesterovCases))]
    public void Create_NesterovWithoutMomentumOrWithDampening_ThrowsWithTorchsMessage(string name)
    {
        var torchMessage = GoldenTrajectory.ReadJson("errors").GetProperty(name).GetString()!;
        var options = name.EndsWith("without_momentum", StringComparison.Ordinal)
            ? new SgdOptions { LearningRate = 0.1, Nesterov = true }
            : new SgdOptions { LearningRate = 0.1, Momentum = 0.9, Dampening = 0.1, Nesterov = true };
        var e = Assert.Throws<ArgumentException>(() => options.Create(3));
        Assert.StartsWith(torchMessage + " (Parameter", e.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(SgdOptions.Nesterov), e.ParamName);
    }

    [Fact]
    public void Create_NesterovLosingItsMomentumThroughWith_Throws()
    {
        var options = new SgdOptions { Momentum = 0.9, Nesterov = true };
        Assert.Equal(0.9, options.Create(1).Options.Momentum);
        Assert.Throws<ArgumentException>(() => (options with { Momentum = 0 }).Create(1));
    }

    [Fact]
    public void With_BadValue_Throws()
    {
        var options = new AdamOptions();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => options with { Beta2 = 1.5 });
        Assert.StartsWith("Invalid beta parameter at index 1: 1.5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_NaNLearningRate_Throws()
    {
        // torch.optim.SGD's `lr < 0.0` lets NaN through; we reject it as torch.optim.Adam's `not 0.0 <= lr` does.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptions { LearningRate = double.NaN });
        Assert.StartsWith("Invalid learning rate: nan", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_EveryOptimizer_AreTorchs()
    {
        var defaults = GoldenTrajectory.ReadJson("defaults");
        var empty = JsonDocument.Parse("{}").RootElement;

        // torch.optim.SGD has no default lr; the script reads SGD's defaults with lr=1e-3, our default.
        TorchNames.AssertMatches(new SgdOptions(), empty, defaults.GetProperty("SGD"));
        TorchNames.AssertMatches(new AdamOptions(), empty, defaults.GetProperty("Adam"));
        TorchNames.AssertMatches(new AdamWOptions(), empty, defaults.GetProperty("AdamW"));
        TorchNames.AssertMatches(new RmspropOptions(), empty, defaults.GetProperty("RMSprop"));
        TorchNames.AssertMatches(new AdagradOptions(), empty, defaults.GetProperty("Adagrad"));
        Assert.Equal(1e-2, new AdamWOptions().WeightDecay);
    }

    [Fact]
    public void Create_EachOptions_ReturnsItsOptimizer()
    {
        Assert.IsType<Sgd>(new SgdOptions().Create(2));
        Assert.IsType<Adam>(new AdamOptions().Create(2));
        Assert.IsType<AdamW>(new AdamWOptions().Create(2));
        Assert.IsType<Rmsprop>(new RmspropOptions().Create(2));
        Assert.IsType<Adagrad>(new AdagradOptions().Create(2));
    }
}
