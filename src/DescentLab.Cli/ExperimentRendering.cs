using DescentLab.Experiments;
using DescentLab.Landscapes;
using DescentLab.Rendering;
using DescentLab.Sweeps;

namespace DescentLab.Cli;

/// <summary>The rendering the command uses: the rendering library's output folders, figures and reports.</summary>
internal static class ExperimentRendering
{
    /// <summary>Output folders through <see cref="ExperimentFolder"/>, <see cref="LandscapeFolder"/> and <see cref="SweepRenderer"/>.</summary>
    public static IExperimentRendering Default { get; } = new Library();

    private sealed class Library : IExperimentRendering
    {
        public void WriteExperiment(ExperimentResult result, OutputSettings output, string directory, CancellationToken cancellationToken) =>
            ExperimentFolder.Write(result, output, directory, cancellationToken);

        public IReadOnlyList<string> WriteLandscapes(ExperimentResult result, OutputSettings output, LandscapeJob job, string directory, CancellationToken cancellationToken) =>
            LandscapeFolder.Write(result, output, job, directory, cancellationToken);

        public IReadOnlyList<string> WriteNetworkLandscape(NetworkExperimentResult result, OutputSettings output, NetworkLandscape landscape, string directory, CancellationToken cancellationToken) =>
            LandscapeFolder.Write(result, output, landscape, directory, cancellationToken);

        public IReadOnlyList<string> WriteSweepFigures(SweepFile file, IReadOnlyList<SweepCellSummary> cells, string directory) =>
            SweepRenderer.WriteFigures(file.Spec, cells, directory, file.Output.Figures);

        public void WriteSweepReport(SweepFile file, IReadOnlyList<SweepCellSummary> cells, string path, string sweepJson) =>
            SweepRenderer.WriteReport(file.Spec, cells, path, sweepJson);
    }
}
