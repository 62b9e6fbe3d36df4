using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Landscapes;
using DescentLab.Rendering;
using DescentLab.Sweeps;

namespace DescentLab.Cli;

/// <summary>The rendering the command uses: the rendering library's output folders, figures and reports.</summary>
internal static class ExperimentRendering
{
    /// <summary>Output folders through <see cref="ExperimentFolder"/>, <see cref="LandscapeFolder"/> and <see cref="SweepRenderer"/>.</summary>
    public static IExperimentRendering Default { get; } = new Library();

    /// <summary>The figure files of an output section.</summary>
    public static FigureFormats Formats(FigureFiles figures) => figures switch
    {
        FigureFiles.None => FigureFormats.None,
        FigureFiles.Png => FigureFormats.Png,
        FigureFiles.Svg => FigureFormats.Svg,
        FigureFiles.All => FigureFormats.All,
        _ => throw new ArgumentOutOfRangeException(nameof(figures), figures, "Not a figure-files setting."),
    };

    private sealed class Library : IExperimentRendering
    {
        public void WriteExperiment(ExperimentResult result, OutputSettings output, string directory, CancellationToken cancellationToken) =>
            ExperimentFolder.Write(result, output, directory, cancellationToken);

        public IReadOnlyList<string> WriteLandscapes(ExperimentResult result, OutputSettings output, LandscapeJob job, string directory, CancellationToken cancellationToken) =>
            LandscapeFolder.Write(result, output, job, directory, cancellationToken);

        public IReadOnlyList<string> WriteSweepFigures(SweepFile file, IReadOnlyList<SweepCellSummary> cells, string directory) =>
            SweepRenderer.WriteFigures(file.Spec, cells, directory, Formats(file.Output.Figures));

        public void WriteSweepReport(SweepFile file, IReadOnlyList<SweepCellSummary> cells, string path, string sweepJson) =>
            SweepRenderer.WriteReport(file.Spec, cells, path, sweepJson);
    }
}
