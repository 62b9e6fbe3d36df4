using DescentLab.Experiments;

namespace DescentLab.Rendering;

/// <summary>Draws an experiment: static figures as files, and one self-contained interactive HTML report.</summary>
public static class ExperimentRenderer
{
    /// <summary>
    /// Writes one file per figure of <paramref name="figures"/> and format into <paramref name="directory"/> (created if
    /// missing), named for what it shows (data, loss, excess-loss, bands, fit, paths, landscape, batches), and returns
    /// the paths written. A figure the result has no data for (bands without replicates, batches without minibatches) is
    /// left out.
    /// </summary>
    public static IReadOnlyList<string> WriteFigures(ExperimentResult result, string directory, FigureFormats formats, RenderOptions? options = null, FigureSet figures = FigureSet.All)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (formats == FigureFormats.None || figures == FigureSet.None)
        {
            return [];
        }

        return StaticFigures.Write(FigureModel.Create(result, options), directory, formats, figures);
    }

    /// <summary>
    /// Writes the figures of a network experiment into <paramref name="directory"/> (created if missing): loss, and for a
    /// classifier accuracy and, on two input columns, the decision boundary of each method; returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> WriteFigures(NetworkExperimentResult result, string directory, FigureFormats formats, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return formats == FigureFormats.None ? [] : Write(NetworkFigureModel.Create(result, options), directory, formats, null, null, default);
    }

    /// <summary>Writes the report of a network experiment to <paramref name="path"/>: one HTML page that needs no network.</summary>
    public static void WriteReport(NetworkExperimentResult result, string path, RenderOptions? options = null, string? specJson = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        WriteReport(ReportWriter.Render(NetworkFigureModel.Create(result, options), specJson), path);
    }

    /// <summary>
    /// Writes the report to <paramref name="path"/>: one HTML page that needs no network, with the tables, the analysis,
    /// every figure interactive and, when <paramref name="specJson"/> is given, the resolved experiment spec.
    /// </summary>
    public static void WriteReport(ExperimentResult result, string path, RenderOptions? options = null, string? specJson = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        WriteReport(FigureModel.Create(result, options), path, specJson);
    }

    /// <summary>
    /// Draws the figures of <paramref name="figures"/> in <paramref name="formats"/> into <paramref name="figureDirectory"/>
    /// and, when <paramref name="reportPath"/> is given, the report, all from one figure model: the landscapes are
    /// evaluated once. Each format and the report are drawn at the same time. Returns the figure files written.
    /// </summary>
    internal static IReadOnlyList<string> Write(
        FigureModel model,
        string figureDirectory,
        FigureFormats formats,
        FigureSet figures,
        string? reportPath,
        string? specJson,
        CancellationToken cancellationToken) =>
        Draw(
            figures == FigureSet.None ? FigureFormats.None : formats,
            format => StaticFigures.Write(model, figureDirectory, format, figures),
            reportPath,
            () => ReportWriter.Render(model, specJson),
            [.. StaticFigures.Figures(model, figures).Select(f => f.Name)],
            cancellationToken);

    /// <summary>The same for a network experiment: loss, accuracy and decision-boundary figures, and its report.</summary>
    internal static IReadOnlyList<string> Write(
        NetworkFigureModel model,
        string figureDirectory,
        FigureFormats formats,
        string? reportPath,
        string? specJson,
        CancellationToken cancellationToken) =>
        Draw(
            formats,
            format => StaticFigures.Write(model, figureDirectory, format),
            reportPath,
            () => ReportWriter.Render(model, specJson),
            [.. StaticFigures.Figures(model).Select(f => f.Name), "boundary"],
            cancellationToken);

    /// <summary>
    /// Draws each format with <paramref name="draw"/> and the report's HTML at the same time, writes the report to
    /// <paramref name="reportPath"/> (when given), and returns the figure files in <paramref name="order"/>.
    /// </summary>
    private static IReadOnlyList<string> Draw(
        FigureFormats formats,
        Func<FigureFormats, IReadOnlyList<string>> draw,
        string? reportPath,
        Func<string> report,
        List<string> order,
        CancellationToken cancellationToken)
    {
        var drawing = new List<Task<IReadOnlyList<string>>>();

        // PNG and SVG files are separate drawings: with both asked for, each format gets its own task.
        foreach (var format in new[] { FigureFormats.Png, FigureFormats.Svg })
        {
            if (formats.HasFlag(format))
            {
                drawing.Add(Task.Run(() => draw(format), cancellationToken));
            }
        }

        if (reportPath is not null)
        {
            drawing.Add(Task.Run(
                () =>
                {
                    WriteReport(report(), reportPath);
                    return (IReadOnlyList<string>)[];
                },
                cancellationToken));
        }

        var written = WaitAll(drawing);

        // In figure order, each figure's PNG before its SVG (the PNG task's files come first, and OrderBy is stable).
        return [.. written.OrderBy(p => order.IndexOf(Path.GetFileNameWithoutExtension(p)))];
    }

    /// <summary>Waits for every task and rethrows the first failure itself, not wrapped in an AggregateException.</summary>
    internal static List<string> WaitAll(List<Task<IReadOnlyList<string>>> tasks)
    {
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return [.. tasks.SelectMany(t => t.Result)];
    }

    private static void WriteReport(FigureModel model, string path, string? specJson) => WriteReport(ReportWriter.Render(model, specJson), path);

    private static void WriteReport(string html, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, html, new System.Text.UTF8Encoding(false));
    }
}
