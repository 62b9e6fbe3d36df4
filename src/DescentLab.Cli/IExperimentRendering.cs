using DescentLab.Experiments;
using DescentLab.Landscapes;
using DescentLab.Sweeps;

namespace DescentLab.Cli;

/// <summary>Writes output folders through the library; the seam between the command and the rendering library.</summary>
internal interface IExperimentRendering
{
    /// <summary>Writes the whole output folder of <paramref name="result"/> (data files, figures, report) into <paramref name="directory"/>.</summary>
    void WriteExperiment(ExperimentResult result, OutputSettings output, string directory, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="job"/> on <paramref name="result"/>, writes its folder into <paramref name="directory"/> and returns the files written, relative to it.</summary>
    IReadOnlyList<string> WriteLandscapes(ExperimentResult result, OutputSettings output, LandscapeJob job, string directory, CancellationToken cancellationToken);

    /// <summary>Writes the folder of the evaluated network landscape <paramref name="landscape"/> into <paramref name="directory"/> and returns the files written, relative to it.</summary>
    IReadOnlyList<string> WriteNetworkLandscape(NetworkExperimentResult result, OutputSettings output, NetworkLandscape landscape, string directory, CancellationToken cancellationToken);

    /// <summary>Writes the heatmaps of a whole sweep's summary into <paramref name="directory"/> and returns their paths.</summary>
    IReadOnlyList<string> WriteSweepFigures(SweepFile file, IReadOnlyList<SweepCellSummary> cells, string directory);

    /// <summary>Writes the sweep's HTML report to <paramref name="path"/>, embedding <paramref name="sweepJson"/>.</summary>
    void WriteSweepReport(SweepFile file, IReadOnlyList<SweepCellSummary> cells, string path, string sweepJson);
}
