using DescentLab.Experiments;
using DescentLab.Landscapes;
using DescentLab.Sweeps;

namespace DescentLab.Cli;

/// <summary>Draws an experiment's figures and report; the seam between the command and the rendering library.</summary>
internal interface IExperimentRendering
{
    /// <summary>Writes the figures of <paramref name="result"/> into <paramref name="directory"/> and returns their paths.</summary>
    IReadOnlyList<string> WriteFigures(ExperimentResult result, string directory, OutputSettings output);

    /// <summary>Writes only the landscape figures (full data and minibatches) of <paramref name="result"/> into <paramref name="directory"/>.</summary>
    IReadOnlyList<string> WriteLandscapeFigures(ExperimentResult result, string directory, OutputSettings output, LandscapeKind kind, int resolution);

    /// <summary>Writes the HTML report of <paramref name="result"/> to <paramref name="path"/>, embedding <paramref name="specJson"/>.</summary>
    void WriteReport(ExperimentResult result, string path, OutputSettings output, string specJson);

    /// <summary>Writes the heatmaps of a whole sweep's summary into <paramref name="directory"/> and returns their paths.</summary>
    IReadOnlyList<string> WriteSweepFigures(SweepFile file, IReadOnlyList<SweepCellSummary> cells, string directory);

    /// <summary>Writes the sweep's HTML report to <paramref name="path"/>, embedding <paramref name="sweepJson"/>.</summary>
    void WriteSweepReport(SweepFile file, IReadOnlyList<SweepCellSummary> cells, string path, string sweepJson);
}
