using DescentLab.Experiments;
using DescentLab.Landscapes;

namespace DescentLab.Rendering.Tests;

/// <summary>A landscape job's folder in one library call.</summary>
public sealed class LandscapeFolderTests
{
    [Fact]
    public void Write_BothKinds_WritesSurfacesAndTheProfileFigures()
    {
        var directory = SeedRendering.NewDirectory();
        var job = new LandscapeJob { Resolution = 12 };

        var written = LandscapeFolder.Write(SeedRendering.Result, new OutputSettings(), job, directory);

        Assert.Equal(
            ["landscape-slice.csv", "landscape-profile.csv", "figures/landscape.png", "figures/landscape.svg", "figures/batches.png", "figures/batches.svg"],
            written);
        Assert.Equal(
            ["data.csv", "experiment.json", "figures", "landscape-profile.csv", "landscape-slice.csv"],
            Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(1 + (12 * 12), File.ReadAllLines(Path.Combine(directory, "landscape-slice.csv")).Length);
        using var experiment = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "experiment.json")));
        Assert.Equal(["x^2", "x"], experiment.RootElement.GetProperty("output").GetProperty("plane").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Write_NoFigures_WritesNoFigureFolder()
    {
        var directory = SeedRendering.NewDirectory();
        var job = new LandscapeJob { Plane = ("x", "1"), Kinds = [LandscapeKind.Slice], Resolution = 5 };

        var written = LandscapeFolder.Write(SeedRendering.Result, new OutputSettings { Figures = FigureFormats.None }, job, directory);

        Assert.Equal(["landscape-slice.csv"], written);
        Assert.False(Directory.Exists(Path.Combine(directory, "figures")));
        Assert.Equal("x,1,loss", File.ReadLines(Path.Combine(directory, "landscape-slice.csv")).First());
    }
}
