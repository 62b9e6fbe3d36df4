using DescentLab.Experiments;
using DescentLab.Io;

namespace DescentLab.Rendering;

/// <summary>
/// An experiment's output folder written by one call: experiment.json, summary.json, trajectories.csv, data.csv (and
/// replicates/ with replicates), then figures/ and report.html as the output settings ask, drawn from one figure model.
/// </summary>
/// <remarks>
/// The call writes into a folder that exists; to write a target folder safely (a temporary folder renamed into place,
/// never replacing what DescentLab did not write), create it with <see cref="OutputFolder.Create"/>, pass its
/// <see cref="OutputFolder.Path"/> and call <see cref="OutputFolder.Complete"/>.
/// </remarks>
public static class ExperimentFolder
{
    /// <summary>The figure files' folder.</summary>
    public const string FiguresFolderName = "figures";

    /// <summary>The interactive report.</summary>
    public const string ReportFileName = "report.html";

    /// <summary>Writes the whole output folder of <paramref name="result"/> into <paramref name="directory"/>, which must exist.</summary>
    /// <param name="result">The finished experiment.</param>
    /// <param name="output">Which figure files to write, whether to write the report, and how to draw them.</param>
    /// <param name="directory">The folder to write into.</param>
    /// <param name="cancellationToken">Stops before the next file or drawing starts.</param>
    public static void Write(ExperimentResult result, OutputSettings output, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);

        // The figure model (the landscapes' evaluation most of all) is computed while the data files are written.
        WriteWith(
            output,
            directory,
            () => FigureModel.Create(result, RenderOptions.For(output)),
            () => ExperimentOutputWriter.Write(result, output, directory),
            (model, figures, report, specJson) => ExperimentRenderer.Write(model, figures, output.Figures, FigureSet.All, report, specJson, cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// Writes the whole output folder of a network experiment into <paramref name="directory"/>, which must exist: the
    /// data files, then the loss, accuracy and decision-boundary figures and the report as <paramref name="output"/> asks.
    /// </summary>
    /// <param name="result">The finished experiment.</param>
    /// <param name="output">Which figure files to write, whether to write the report, and the x-axis of loss curves.</param>
    /// <param name="directory">The folder to write into.</param>
    /// <param name="cancellationToken">Stops before the next file or drawing starts.</param>
    public static void Write(NetworkExperimentResult result, OutputSettings output, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);

        // The accuracy curves and decision regions (a forward pass per sample or grid cell) are computed while the data files are written.
        WriteWith(
            output,
            directory,
            () => NetworkFigureModel.Create(result, RenderOptions.For(output), cancellationToken),
            () => ExperimentOutputWriter.Write(result, output, directory),
            (model, figures, report, specJson) => ExperimentRenderer.Write(model, figures, output.Figures, report, specJson, cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// The folder writing both result kinds share: the figure model is built on another thread while
    /// <paramref name="writeData"/> writes the data files (and returns the spec's JSON), then figures and report are drawn.
    /// </summary>
    private static void WriteWith<TModel>(
        OutputSettings output,
        string directory,
        Func<TModel> createModel,
        Func<string> writeData,
        Action<TModel, string, string?, string> draw,
        CancellationToken cancellationToken)
    {
        var draws = output.Figures != FigureFormats.None || output.Report;
        var model = draws ? Task.Run(createModel, cancellationToken) : null;
        string specJson;
        try
        {
            specJson = writeData();
        }
        finally
        {
            // Not left running on its own when writing failed.
            if (model is not null)
            {
                ((IAsyncResult)model).AsyncWaitHandle.WaitOne();
            }
        }

        if (model is null)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var figures = Path.Combine(directory, FiguresFolderName);
        if (output.Figures != FigureFormats.None)
        {
            Directory.CreateDirectory(figures);
        }

        draw(Result(model), figures, output.Report ? Path.Combine(directory, ReportFileName) : null, specJson);
    }

    /// <summary>A finished task's result, its failure rethrown itself rather than wrapped in an AggregateException.</summary>
    internal static T Result<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
