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
        var formats = output.Figures;
        var draws = formats != FigureFormats.None || output.Report;

        // The figure model (the landscapes' evaluation most of all) is computed while the data files are written.
        var model = draws ? Task.Run(() => FigureModel.Create(result, RenderOptions.For(output)), cancellationToken) : null;
        string specJson;
        try
        {
            specJson = ExperimentOutputWriter.Write(result, output, directory);
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
        if (formats != FigureFormats.None)
        {
            Directory.CreateDirectory(figures);
        }

        var report = output.Report ? Path.Combine(directory, ReportFileName) : null;
        ExperimentRenderer.Write(Result(model), figures, formats, FigureSet.All, report, specJson, cancellationToken);
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
        var formats = output.Figures;
        var draws = formats != FigureFormats.None || output.Report;

        // The accuracy curves and decision regions (a forward pass per sample or grid cell) are computed while the data files are written.
        var model = draws ? Task.Run(() => NetworkFigureModel.Create(result, RenderOptions.For(output), cancellationToken), cancellationToken) : null;
        string specJson;
        try
        {
            specJson = ExperimentOutputWriter.Write(result, output, directory);
        }
        finally
        {
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
        if (formats != FigureFormats.None)
        {
            Directory.CreateDirectory(figures);
        }

        var report = output.Report ? Path.Combine(directory, ReportFileName) : null;
        ExperimentRenderer.Write(Result(model), figures, formats, report, specJson, cancellationToken);
    }

    /// <summary>A finished task's result, its failure rethrown itself rather than wrapped in an AggregateException.</summary>
    internal static T Result<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
