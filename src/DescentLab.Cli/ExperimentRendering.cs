using DescentLab.Experiments;
using DescentLab.Landscapes;
using DescentLab.Rendering;
using DescentLab.Sweeps;

namespace DescentLab.Cli;

/// <summary>The rendering the command uses: the rendering library's figures and report.</summary>
internal static class ExperimentRendering
{
    /// <summary>Figures and report through <see cref="ExperimentRenderer"/>.</summary>
    public static IExperimentRendering Default { get; } = new Library();

    /// <summary>The drawing settings of an experiment file's output section.</summary>
    public static RenderOptions Options(OutputSettings output) => RenderOptions.For(output);

    private sealed class Library : IExperimentRendering
    {
        public IReadOnlyList<string> WriteFigures(ExperimentResult result, string directory, OutputSettings output) =>
            ExperimentRenderer.WriteFigures(result, directory, output.Figures, Options(output));

        public void WriteReport(ExperimentResult result, string path, OutputSettings output, string specJson) =>
            ExperimentRenderer.WriteReport(result, path, Options(output), specJson);

        public IReadOnlyList<string> WriteSweepFigures(SweepFile file, IReadOnlyList<SweepCellSummary> cells, string directory) =>
            SweepRenderer.WriteFigures(file.Spec, cells, directory, file.Output.Figures);

        public void WriteSweepReport(SweepFile file, IReadOnlyList<SweepCellSummary> cells, string path, string sweepJson) =>
            SweepRenderer.WriteReport(file.Spec, cells, path, sweepJson);

        public IReadOnlyList<string> WriteLandscapeFigures(ExperimentResult result, string directory, OutputSettings output, LandscapeKind kind, int resolution)
        {
            // The renderer draws every figure; its files are named for what they show, so the surfaces are picked by
            // name ("landscape", "batches") from a scratch folder that is then removed.
            var scratch = Path.Combine(directory, ".all");
            var options = Options(output) with { LandscapeKind = kind, Resolution = Math.Clamp(resolution, 8, RenderOptions.MaxResolution) };
            var kept = new List<string>();
            try
            {
                foreach (var file in ExperimentRenderer.WriteFigures(result, scratch, output.Figures, options))
                {
                    var name = Path.GetFileName(file);
                    if (name.StartsWith("landscape.", StringComparison.Ordinal) || name.StartsWith("batches.", StringComparison.Ordinal))
                    {
                        var target = Path.Combine(directory, name);
                        File.Move(file, target);
                        kept.Add(target);
                    }
                }
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }

            return kept;
        }
    }
}
