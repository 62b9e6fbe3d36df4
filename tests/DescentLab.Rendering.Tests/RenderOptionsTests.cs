using DescentLab.Experiments;

namespace DescentLab.Rendering.Tests;

public sealed class RenderOptionsTests
{
    [Fact]
    public void Defaults_AreTheSeedsChoices()
    {
        var options = new RenderOptions();
        Assert.Equal(XAxis.Epochs, options.XAxis);
        Assert.Null(options.MarkEpochs);
        Assert.Null(options.Plane);
        Assert.Equal(Landscapes.LandscapeKind.Profile, options.LandscapeKind);
        Assert.Equal(120, options.Resolution);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(401)]
    public void Resolution_OutOfRange_Throws(int resolution)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RenderOptions { Resolution = resolution });
        Assert.StartsWith("resolution: must be between 8 and 400", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plane_SameParameterTwice_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new RenderOptions { Plane = ("x", "x") });
        Assert.StartsWith("plane: 'x' is on both axes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkEpochs_NotPositive_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RenderOptions { MarkEpochs = [10, 0] });
        Assert.StartsWith("markEpochs: 0 is not a positive epoch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkEpochs_Unsorted_AreSortedAndDistinct() =>
        Assert.Equal([5.0, 50.0], new RenderOptions { MarkEpochs = [50, 5, 50] }.MarkEpochs);
}
