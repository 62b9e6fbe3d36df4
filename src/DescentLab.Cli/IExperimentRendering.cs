using DescentLab.Experiments;
using DescentLab.Io;

namespace DescentLab.Cli;

/// <summary>Draws an experiment's figures and report; the seam between the command and the rendering library.</summary>
internal interface IExperimentRendering
{
    /// <summary>Writes the figures of <paramref name="result"/> into <paramref name="directory"/> and returns their paths.</summary>
    IReadOnlyList<string> WriteFigures(ExperimentResult result, string directory, OutputSettings output);

    /// <summary>Writes the HTML report of <paramref name="result"/> to <paramref name="path"/>, embedding <paramref name="specJson"/>.</summary>
    void WriteReport(ExperimentResult result, string path, OutputSettings output, string specJson);
}
