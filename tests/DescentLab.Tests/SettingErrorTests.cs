using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Tests;

public sealed class SettingErrorTests
{
    [Fact]
    public void Of_OptimizerRefusal_GivesTorchsMessageAndTheFileField()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptions { LearningRate = -1 });
        Assert.Equal(new SettingError("lr", "Invalid learning rate: -1"), SettingError.Of(e));
    }

    [Fact]
    public void Of_RecordRefusal_GivesTheMessageWithoutTheField()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { Epochs = 0 });
        Assert.Equal(new SettingError("epochs", "must be at least 1."), SettingError.Of(e));
        Assert.StartsWith("epochs: must be at least 1.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, "aSd")]
    [InlineData(-1.0, "cSd")]
    public void Of_GeneratorRefusal_NamesTheFieldAsAFileDoes(double _, string field)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => field == "aSd" ? new SeedDataGenerator { ASd = double.NaN } : new SeedDataGenerator { CSd = -1 });
        Assert.Equal(field, SettingError.Of(e)!.Field);
        Assert.DoesNotContain("Parameter", SettingError.Of(e)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_NesterovWithoutMomentum_IsRefusedAtCreate()
    {
        var e = Assert.Throws<ArgumentException>(() => new SgdOptions { Nesterov = true }.Create(1));
        Assert.Equal(new SettingError("nesterov", "Nesterov momentum requires a momentum and zero dampening"), SettingError.Of(e));
    }

    [Fact]
    public void Of_SpecRefusals_CarryTheirFields()
    {
        Assert.Equal("degree", SettingError.Of(Assert.Throws<ArgumentOutOfRangeException>(() => new ExperimentSpec { Degree = 0 }))!.Field);
        Assert.Equal("batchSize", SettingError.Of(Assert.Throws<ArgumentOutOfRangeException>(() => new SamplerOptions { BatchSize = 0 }))!.Field);
        Assert.Equal(
            new SettingError("init", "explicit values must be finite numbers, one per parameter."),
            SettingError.Of(Assert.Throws<ArgumentException>(() => InitSpec.Explicit([double.NaN]))));
    }

    [Fact]
    public void MessageOf_ExceptionWithoutError_IsItsOwnMessage() =>
        Assert.Equal("plain", SettingError.MessageOf(new InvalidOperationException("plain")));
}
