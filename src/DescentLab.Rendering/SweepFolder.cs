using DescentLab.Io;
using DescentLab.Sweeps;

namespace DescentLab.Rendering;

/// <summary>
/// A sweep's output folder written by one call: sweep.json, data.csv (for given data) and tidy.csv, then for a whole
/// sweep summary.csv, the heatmaps in figures/ and report.html as the output settings ask, or for a shard manifest.json.
/// </summary>
/// <remarks>
/// The call writes into a folder; to write a target folder safely, create it with <see cref="OutputFolder.Create"/>,
/// pass its <see cref="OutputFolder.Path"/> and call <see cref="OutputFolder.Complete"/>.
/// </remarks>
public static class SweepFolder
{
    /// <summary>Writes the folder of <paramref name="result"/>, run from <paramref name="file"/>, into <paramref name="directory"/>.</summary>
    /// <returns>The cells as summary.csv holds them; null for a shard, whose summary 'descentlab merge' writes.</returns>
    public static IReadOnlyList<SweepCellSummary>? Write(SweepFile file, SweepResult result, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sweepJson = SweepFiles.Write(directory, file, result);
        return result.Shard.Count > 1 ? null : Draw(file, sweepJson, directory, cancellationToken);
    }

    /// <summary>Writes the folder of the whole sweep that <paramref name="merged"/> shards make up into <paramref name="directory"/>, as one unsharded run writes it.</summary>
    /// <returns>The cells as summary.csv holds them.</returns>
    public static IReadOnlyList<SweepCellSummary> Write(MergedSweep merged, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(merged);
        var sweepJson = SweepFiles.Write(directory, merged);
        return Draw(merged.File, sweepJson, directory, cancellationToken);
    }

    /// <summary>Draws the heatmaps and the report at the same time, from summary.csv as written.</summary>
    private static IReadOnlyList<SweepCellSummary> Draw(SweepFile file, string sweepJson, string directory, CancellationToken cancellationToken)
    {
        var cells = SweepCsv.ReadSummary(File.ReadAllText(Path.Combine(directory, SweepFiles.SummaryName)));
        var drawing = new List<Task<IReadOnlyList<string>>>();
        if (file.Output.Figures != Experiments.FigureFormats.None)
        {
            var figures = Directory.CreateDirectory(Path.Combine(directory, ExperimentFolder.FiguresFolderName)).FullName;
            drawing.Add(Task.Run(() => SweepRenderer.WriteFigures(file.Spec, cells, figures, file.Output.Figures), cancellationToken));
        }

        if (file.Output.Report)
        {
            drawing.Add(Task.Run(
                () =>
                {
                    SweepRenderer.WriteReport(file.Spec, cells, Path.Combine(directory, ExperimentFolder.ReportFileName), sweepJson);
                    return (IReadOnlyList<string>)[];
                },
                cancellationToken));
        }

        ExperimentRenderer.WaitAll(drawing);
        return cells;
    }
}
