using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Landscapes;

namespace DescentLab.Rendering;

/// <summary>
/// A landscape job's output folder written by one call. For the linear model: experiment.json (with the plane used),
/// data.csv, one landscape-KIND.csv per surface, and the landscape figures (full data and minibatches) in figures/.
/// For a network: the files of <see cref="NetworkLandscapeWriter"/>, figures/landscape.png and .svg, and report.html.
/// </summary>
/// <remarks>To write a target folder safely, create it with <see cref="OutputFolder.Create"/> as for <see cref="ExperimentFolder"/>.</remarks>
public static class LandscapeFolder
{
    /// <summary>Evaluates <paramref name="job"/> on <paramref name="result"/>, writes the folder into <paramref name="directory"/> (which must exist) and returns the files written, relative to it.</summary>
    /// <param name="result">The finished experiment whose paths the plane covers.</param>
    /// <param name="output">Which figure files to write and how to draw them; its plane is replaced by the job's.</param>
    /// <param name="job">The plane, the kinds and the resolution.</param>
    /// <param name="directory">The folder to write into.</param>
    /// <param name="cancellationToken">Stops before the next surface or drawing starts.</param>
    public static IReadOnlyList<string> Write(ExperimentResult result, OutputSettings output, LandscapeJob job, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        output = output with { Plane = job.PlaneOf(result.Problem) };
        var written = new List<string>(ExperimentOutputWriter.WriteLandscapes(result, output, job, directory, cancellationToken));
        var formats = output.Figures;
        if (formats != FigureFormats.None)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var figures = Path.Combine(directory, ExperimentFolder.FiguresFolderName);
            Directory.CreateDirectory(figures);
            var options = RenderOptions.For(output) with { LandscapeKind = job.FigureKind, Resolution = Math.Clamp(job.Resolution, 8, RenderOptions.MaxResolution) };
            var drawn = ExperimentRenderer.Write(FigureModel.Create(result, options), figures, formats, FigureSet.Surfaces, reportPath: null, specJson: null, cancellationToken);
            written.AddRange(drawn.Select(p => Path.Combine(ExperimentFolder.FiguresFolderName, Path.GetFileName(p))));
        }

        return written;
    }

    /// <summary>Writes the folder of the evaluated network landscape <paramref name="landscape"/> into <paramref name="directory"/> (which must exist) and returns the files written, relative to it.</summary>
    /// <param name="result">The finished experiment the landscape was evaluated on.</param>
    /// <param name="output">Which figure files to write, and whether to write report.html.</param>
    /// <param name="landscape">The plane, its grid and the projected paths (<see cref="NetworkLandscapeJob.Evaluate"/>).</param>
    /// <param name="directory">The folder to write into.</param>
    /// <param name="cancellationToken">Stops before the figures and before the report.</param>
    public static IReadOnlyList<string> Write(NetworkExperimentResult result, OutputSettings output, NetworkLandscape landscape, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(landscape);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var written = new List<string>(NetworkLandscapeWriter.Write(result, output, landscape, directory));
        if (output.Figures != FigureFormats.None)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var drawn = NetworkLandscapeFigures.Write(result, landscape, Path.Combine(directory, ExperimentFolder.FiguresFolderName), output.Figures);
            written.AddRange(drawn.Select(p => Path.Combine(ExperimentFolder.FiguresFolderName, Path.GetFileName(p))));
        }

        if (output.Report)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var specJson = File.ReadAllText(Path.Combine(directory, ExperimentOutputWriter.ExperimentFileName));
            File.WriteAllText(Path.Combine(directory, ReportFileName), NetworkLandscapeReport.Render(result, landscape, specJson));
            written.Add(ReportFileName);
        }

        return written;
    }

    /// <summary>The network landscape's HTML page.</summary>
    public const string ReportFileName = "report.html";
}
