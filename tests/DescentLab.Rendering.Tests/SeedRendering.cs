using DescentLab.Experiments;
using DescentLab.Training;

namespace DescentLab.Rendering.Tests;

/// <summary>The seed experiment, run once, with its figures and report written once into a temporary folder.</summary>
internal static class SeedRendering
{
    private static readonly Lazy<ExperimentResult> LazyResult = new(() =>
        ExperimentRunner.Run(new ExperimentSpec { Training = new TrainingOptions { KeepBatchesOfEpoch = 0 } }));

    private static readonly Lazy<(string Directory, IReadOnlyList<string> Files)> LazyFigures = new(() =>
    {
        var directory = NewDirectory();
        return (directory, ExperimentRenderer.WriteFigures(Result, directory, FigureFormats.All));
    });

    private static readonly Lazy<string> LazyReport = new(() =>
    {
        var path = Path.Combine(NewDirectory(), "report.html");
        ExperimentRenderer.WriteReport(Result, path, specJson: SpecJson);
        return path;
    });

    /// <summary>A spec text with a script-closing probe in it, as a user could write in a name.</summary>
    public const string SpecJson = "{\n  \"name\": \"seed\",\n  \"note\": \"</script><script>window.pwned = 1</script>\"\n}";

    public static ExperimentResult Result => LazyResult.Value;

    public static string FigureDirectory => LazyFigures.Value.Directory;

    public static IReadOnlyList<string> FigureFiles => LazyFigures.Value.Files;

    public static string ReportPath => LazyReport.Value;

    public static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "descentlab-rendering-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }
}
