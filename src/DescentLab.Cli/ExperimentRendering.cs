using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Landscapes;
using DescentLab.Rendering;
using DescentLab.Sweeps;

namespace DescentLab.Cli;

/// <summary>The rendering the command uses: output folders through <see cref="ExperimentFolder"/>, <see cref="LandscapeFolder"/> and <see cref="SweepFolder"/>.</summary>
internal sealed class ExperimentRendering : IExperimentRendering
{
    /// <summary>The rendering library's output folders, figures and reports.</summary>
    public static IExperimentRendering Default { get; } = new ExperimentRendering();

    public void WriteExperiment(ExperimentResult result, OutputSettings output, string directory, CancellationToken cancellationToken) =>
        ExperimentFolder.Write(result, output, directory, cancellationToken);

    public void WriteNetworkExperiment(NetworkExperimentResult result, OutputSettings output, string directory, CancellationToken cancellationToken) =>
        ExperimentFolder.Write(result, output, directory, cancellationToken);

    public IReadOnlyList<string> WriteLandscapes(ExperimentResult result, OutputSettings output, LandscapeJob job, string directory, CancellationToken cancellationToken) =>
        LandscapeFolder.Write(result, output, job, directory, cancellationToken);

    public IReadOnlyList<string> WriteNetworkLandscape(NetworkExperimentResult result, OutputSettings output, NetworkLandscape landscape, string directory, CancellationToken cancellationToken) =>
        LandscapeFolder.Write(result, output, landscape, directory, cancellationToken);

    public IReadOnlyList<SweepCellSummary>? WriteSweep(SweepFile file, SweepResult result, string directory, CancellationToken cancellationToken) =>
        SweepFolder.Write(file, result, directory, cancellationToken);

    public IReadOnlyList<SweepCellSummary> WriteSweep(MergedSweep merged, string directory, CancellationToken cancellationToken) =>
        SweepFolder.Write(merged, directory, cancellationToken);
}
