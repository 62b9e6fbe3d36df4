using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Landscapes;
using DescentLab.Sweeps;

namespace DescentLab.Cli;

/// <summary>Writes output folders through the library; the seam between the command and the rendering library.</summary>
internal interface IExperimentRendering
{
    /// <summary>Writes the whole output folder of <paramref name="result"/> (data files, figures, report) into <paramref name="directory"/>.</summary>
    void WriteExperiment(ExperimentResult result, OutputSettings output, string directory, CancellationToken cancellationToken);

    /// <summary>Writes the whole output folder of a network experiment (data files, loss, accuracy and decision-boundary figures, report) into <paramref name="directory"/>.</summary>
    void WriteNetworkExperiment(NetworkExperimentResult result, OutputSettings output, string directory, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="job"/> on <paramref name="result"/>, writes its folder into <paramref name="directory"/> and returns the files written, relative to it.</summary>
    IReadOnlyList<string> WriteLandscapes(ExperimentResult result, OutputSettings output, LandscapeJob job, string directory, CancellationToken cancellationToken);

    /// <summary>Writes the folder of the evaluated network landscape <paramref name="landscape"/> into <paramref name="directory"/> and returns the files written, relative to it.</summary>
    IReadOnlyList<string> WriteNetworkLandscape(NetworkExperimentResult result, OutputSettings output, NetworkLandscape landscape, string directory, CancellationToken cancellationToken);

    /// <summary>Writes the whole folder of a sweep's <paramref name="result"/> into <paramref name="directory"/>; returns its cells, or null for a shard.</summary>
    IReadOnlyList<SweepCellSummary>? WriteSweep(SweepFile file, SweepResult result, string directory, CancellationToken cancellationToken);

    /// <summary>Writes the whole folder of the sweep that <paramref name="merged"/> shards make up into <paramref name="directory"/>; returns its cells.</summary>
    IReadOnlyList<SweepCellSummary> WriteSweep(MergedSweep merged, string directory, CancellationToken cancellationToken);
}
