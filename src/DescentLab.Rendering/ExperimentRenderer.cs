using DescentLab.Experiments;

namespace DescentLab.Rendering;

/// <summary>Draws an experiment: static figures as files, and one self-contained interactive HTML report.</summary>
public static class ExperimentRenderer
{
    /// <summary>
    /// Writes one file per figure and format into <paramref name="directory"/> (created if missing), named for what it
    /// shows (data, loss, excess-loss, fit, paths, landscape, batches), and returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> WriteFigures(ExperimentResult result, string directory, FigureFormats formats, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (formats == FigureFormats.None)
        {
            return [];
        }

        return StaticFigures.Write(FigureModel.Create(result, options), directory, formats);
    }

    /// <summary>
    /// Writes the report to <paramref name="path"/>: one HTML page that needs no network, with the tables, the analysis,
    /// every figure interactive and, when <paramref name="specJson"/> is given, the resolved experiment spec.
    /// </summary>
    public static void WriteReport(ExperimentResult result, string path, RenderOptions? options = null, string? specJson = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var html = ReportWriter.Render(FigureModel.Create(result, options), specJson);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, html, new System.Text.UTF8Encoding(false));
    }
}
