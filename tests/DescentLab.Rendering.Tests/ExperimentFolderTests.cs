using DescentLab.Experiments;

namespace DescentLab.Rendering.Tests;

/// <summary>The whole output folder in one library call, and the figure sets a caller can ask for.</summary>
public sealed class ExperimentFolderTests
{
    [Fact]
    public void Write_SeedWithFiguresAndReport_WritesTheWholeFolder()
    {
        var directory = SeedRendering.NewDirectory();

        ExperimentFolder.Write(SeedRendering.Result, new OutputSettings(), directory);

        Assert.Equal(
            ["data.csv", "experiment.json", "figures", "report.html", "summary.json", "trajectories.csv"],
            Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string[] figures = ["batches", "data", "excess-loss", "fit", "landscape", "loss", "paths"];
        Assert.Equal(
            figures.SelectMany(f => new[] { f + ".png", f + ".svg" }),
            Directory.EnumerateFiles(Path.Combine(directory, "figures")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // The report embeds the experiment.json written beside it, and is the report the renderer draws on its own.
        var specJson = File.ReadAllText(Path.Combine(directory, "experiment.json"));
        var alone = Path.Combine(SeedRendering.NewDirectory(), "report.html");
        ExperimentRenderer.WriteReport(SeedRendering.Result, alone, RenderOptions.For(new OutputSettings()), specJson);
        Assert.Equal(File.ReadAllBytes(alone), File.ReadAllBytes(Path.Combine(directory, "report.html")));
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(SeedRendering.FigureDirectory, "landscape.png")),
            File.ReadAllBytes(Path.Combine(directory, "figures", "landscape.png")));
    }

    [Fact]
    public void Write_NoFiguresNoReport_WritesOnlyTheDataFiles()
    {
        var directory = SeedRendering.NewDirectory();

        ExperimentFolder.Write(SeedRendering.Result, new OutputSettings { Figures = FigureFormats.None, Report = false }, directory);

        Assert.Equal(
            ["data.csv", "experiment.json", "summary.json", "trajectories.csv"],
            Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Write_Cancelled_DrawsNothing()
    {
        var directory = SeedRendering.NewDirectory();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ExperimentFolder.Write(SeedRendering.Result, new OutputSettings(), directory, cancellation.Token));
        Assert.False(File.Exists(Path.Combine(directory, "report.html")));
        Assert.False(Directory.Exists(Path.Combine(directory, "figures")));
    }

    [Fact]
    public void WriteFigures_Surfaces_WritesOnlyTheLandscapeAndBatches()
    {
        var directory = SeedRendering.NewDirectory();

        var written = ExperimentRenderer.WriteFigures(SeedRendering.Result, directory, FigureFormats.Png, figures: FigureSet.Surfaces);

        Assert.Equal(["landscape.png", "batches.png"], written.Select(Path.GetFileName));
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(SeedRendering.FigureDirectory, "batches.png")),
            File.ReadAllBytes(Path.Combine(directory, "batches.png")));
    }

    [Fact]
    public void WriteFigures_BandsWithoutReplicates_WritesNothing()
    {
        var directory = SeedRendering.NewDirectory();

        Assert.Empty(ExperimentRenderer.WriteFigures(SeedRendering.Result, directory, FigureFormats.All, figures: FigureSet.Bands));
    }

    [Fact]
    public void Id_NotAReportFigure_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => InteractiveFigures.Id((ReportFigure)99));
}
