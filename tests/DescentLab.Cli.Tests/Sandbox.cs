using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Landscapes;
using DescentLab.Sweeps;

namespace DescentLab.Cli.Tests;

/// <summary>A temporary folder for one test, and the command run in process with captured output.</summary>
internal sealed class Sandbox : IDisposable
{
    public Sandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "descentlab-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public static string Examples => Path.Combine(AppContext.BaseDirectory, "examples");

    public string PathOf(string name) => Path.Combine(Root, name);

    public string WriteFile(string name, string text)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    public static CommandResult Run(params string[] args) => Run(false, null, default, args);

    public static CommandResult Run(bool terminal, IExperimentRendering? rendering, CancellationToken cancellationToken, params string[] args) =>
        RunWith(new Dictionary<string, string>(), terminal, rendering, args, cancellationToken);

    /// <summary>Runs the command with <paramref name="environment"/> as its process environment.</summary>
    public static CommandResult RunWith(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunWith(environment, false, null, args, default);

    private static CommandResult RunWith(IReadOnlyDictionary<string, string> environment, bool terminal, IExperimentRendering? rendering, string[] args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = DescentLabCommand.Run(args, output, error, terminal, rendering ?? new RecordingRendering(), cancellationToken, environment);
        return new CommandResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Every entry under the sandbox, relative, sorted: to show that a failed command wrote nothing.</summary>
    public string[] Entries() =>
        [.. Directory.EnumerateFileSystemEntries(Root, "*", Everything).Select(p => Path.GetRelativePath(Root, p)).Order(StringComparer.Ordinal)];

    /// <summary>Every entry, hidden ones too: the temporary folders are hidden, and .NET skips hidden entries by default.</summary>
    public static EnumerationOptions Everything { get; } = new() { AttributesToSkip = 0, RecurseSubdirectories = true };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// Stands in for the rendering library: writes the data files as the library does, and one small file per drawing
    /// (figure format, landscape figures, report) instead of the drawing, so the folder's shape can be checked.
    /// </summary>
    internal sealed class RecordingRendering : IExperimentRendering
    {
        public void WriteExperiment(ExperimentResult result, OutputSettings output, string directory, CancellationToken cancellationToken) =>
            Record(ExperimentOutputWriter.Write(result, output, directory), output, directory);

        public void WriteNetworkExperiment(NetworkExperimentResult result, OutputSettings output, string directory, CancellationToken cancellationToken) =>
            Record(ExperimentOutputWriter.Write(result, output, directory), output, directory);

        private static void Record(string specJson, OutputSettings output, string directory)
        {
            if (output.Figures != FigureFormats.None)
            {
                var figures = Directory.CreateDirectory(Path.Combine(directory, "figures")).FullName;
                foreach (var format in output.Figures == FigureFormats.All ? new[] { FigureFormats.Png, FigureFormats.Svg } : [output.Figures])
                {
                    File.WriteAllText(Path.Combine(figures, $"figure-{format}.txt"), format.ToString());
                }
            }

            if (output.Report)
            {
                File.WriteAllText(Path.Combine(directory, "report.html"), specJson);
            }
        }

        public IReadOnlyList<string> WriteLandscapes(ExperimentResult result, OutputSettings output, LandscapeJob job, string directory, CancellationToken cancellationToken)
        {
            var written = new List<string>(ExperimentOutputWriter.WriteLandscapes(result, output, job, directory, cancellationToken));
            if (output.Figures != FigureFormats.None)
            {
                var name = Path.Combine("figures", $"landscape-{job.FigureKind}-{job.Resolution}-{output.Figures}.txt");
                Directory.CreateDirectory(Path.Combine(directory, "figures"));
                File.WriteAllText(Path.Combine(directory, name), string.Empty);
                written.Add(name);
            }

            return written;
        }

        public IReadOnlyList<string> WriteNetworkLandscape(NetworkExperimentResult result, OutputSettings output, NetworkLandscape landscape, string directory, CancellationToken cancellationToken)
        {
            var written = new List<string>(NetworkLandscapeWriter.Write(result, output, landscape, directory));
            if (output.Figures != FigureFormats.None)
            {
                var name = Path.Combine("figures", $"network-landscape-{output.Figures}.txt");
                Directory.CreateDirectory(Path.Combine(directory, "figures"));
                File.WriteAllText(Path.Combine(directory, name), string.Empty);
                written.Add(name);
            }

            if (output.Report)
            {
                File.WriteAllText(Path.Combine(directory, "report.html"), string.Empty);
                written.Add("report.html");
            }

            return written;
        }

        public IReadOnlyList<SweepCellSummary>? WriteSweep(SweepFile file, SweepResult result, string directory, CancellationToken cancellationToken)
        {
            var sweepJson = SweepFiles.Write(directory, file, result);
            return result.Shard.Count > 1 ? null : RecordSweep(file, sweepJson, directory);
        }

        public IReadOnlyList<SweepCellSummary> WriteSweep(MergedSweep merged, string directory, CancellationToken cancellationToken) =>
            RecordSweep(merged.File, SweepFiles.Write(directory, merged), directory);

        private static IReadOnlyList<SweepCellSummary> RecordSweep(SweepFile file, string sweepJson, string directory)
        {
            var cells = SweepCsv.ReadSummary(File.ReadAllText(Path.Combine(directory, SweepFiles.SummaryName)));
            if (file.Output.Figures != FigureFormats.None)
            {
                var figures = Directory.CreateDirectory(Path.Combine(directory, "figures")).FullName;
                File.WriteAllText(Path.Combine(figures, $"heatmaps-{file.Output.Figures}.txt"), cells.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (file.Output.Report)
            {
                File.WriteAllText(Path.Combine(directory, "report.html"), sweepJson);
            }

            return cells;
        }
    }

    /// <summary>Fails while drawing, as a rendering bug or a full disk would.</summary>
    internal sealed class FailingRendering : IExperimentRendering
    {
        public void WriteExperiment(ExperimentResult result, OutputSettings output, string directory, CancellationToken cancellationToken)
        {
            ExperimentOutputWriter.Write(result, output, directory);
            File.WriteAllText(Path.Combine(directory, "half.png"), "partial");
            throw new IOException("disk full");
        }

        public void WriteNetworkExperiment(NetworkExperimentResult result, OutputSettings output, string directory, CancellationToken cancellationToken)
        {
            ExperimentOutputWriter.Write(result, output, directory);
            File.WriteAllText(Path.Combine(directory, "half.png"), "partial");
            throw new IOException("disk full");
        }

        public IReadOnlyList<string> WriteLandscapes(ExperimentResult result, OutputSettings output, LandscapeJob job, string directory, CancellationToken cancellationToken) =>
            throw new IOException("disk full");

        public IReadOnlyList<string> WriteNetworkLandscape(NetworkExperimentResult result, OutputSettings output, NetworkLandscape landscape, string directory, CancellationToken cancellationToken) =>
            throw new IOException("disk full");

        public IReadOnlyList<SweepCellSummary>? WriteSweep(SweepFile file, SweepResult result, string directory, CancellationToken cancellationToken) =>
            throw new IOException("disk full");

        public IReadOnlyList<SweepCellSummary> WriteSweep(MergedSweep merged, string directory, CancellationToken cancellationToken) =>
            throw new IOException("disk full");
    }
}
