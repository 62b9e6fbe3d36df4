using DescentLab.Experiments;
using DescentLab.Io;

namespace DescentLab.Cli;

/// <summary>The rendering the command uses.</summary>
internal static class ExperimentRendering
{
    /// <summary>The rendering library's figures and report.</summary>
    public static IExperimentRendering Default { get; } = new Pending();

    /// <summary>Writes no files until the rendering library is referenced.</summary>
    private sealed class Pending : IExperimentRendering
    {
        public IReadOnlyList<string> WriteFigures(ExperimentResult result, string directory, OutputSettings output) => [];

        public void WriteReport(ExperimentResult result, string path, OutputSettings output, string specJson)
        {
        }
    }
}
