using System.Collections;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Sweeps;

namespace DescentLab.Cli;

/// <summary>The sweep and merge commands: a grid of method settings × replicates, optionally in shards, and the merge of shards.</summary>
public static partial class DescentLabCommand
{
    private static Dictionary<string, string> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    private static Command SweepCommand(Context context)
    {
        var config = new Option<string?>("--config") { Description = "The sweep file (JSON): an experiment's fields and a \"sweep\" object with the axes lr, batchSize, sampler, optimizer.", HelpName = "FILE.json" };
        var replicates = new Option<string?>("--replicates") { Description = "Replicates per cell (seeds S … S+R−1), instead of the file's.", HelpName = "R" };
        var threads = new Option<string?>("--threads") { Description = "Runs trained at once (default: every core); results do not depend on it.", HelpName = "N" };
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of N (runs k with k mod N = i); default from SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX with --shards.", HelpName = "i/N" };
        var shards = new Option<string?>("--shards") { Description = "The number of shards N when the index comes from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job's completions).", HelpName = "N" };
        var drawing = new DrawingOptions("Which heatmap files to write (default: the file's output.figures).");
        var folder = new FolderOptions("runs/NAME-SEED-sweep");
        var command = NewCommand(
            "sweep",
            "Runs every cell of a sweep file's grid under every replicate and writes sweep.json, tidy.csv (one row per run), summary.csv (one row per cell), heatmaps in figures/ and report.html; a shard writes sweep.json and tidy.csv for 'descentlab merge'.",
            [config, replicates, threads, shard, shards, .. drawing.All, .. folder.All]);
        command.SetAction(parse => context.Guarded(() =>
        {
            var path = parse.GetValue(config) ?? throw new UsageException("--config: a sweep needs a sweep file, e.g. --config examples/sweep.json.");
            var file = SpecOptions.ReadFile(path, config.Name, SweepJson.Read);
            file = file with
            {
                Spec = SpecOptions.Apply(parse, replicates, PositiveInt, file.Spec, (s, r) => s with { Base = s.Base with { Replicates = r } }),
                Output = drawing.Apply(parse, file.Output),
            };
            try
            {
                ExperimentFileCheck.Check(file);
            }
            catch (SpecFormatException e)
            {
                throw new UsageException($"{path}: {e.Message}", e);
            }

            var threadCount = parse.GetValue(threads) is { } t ? PositiveInt(threads, t) : Environment.ProcessorCount;
            var shardCount = parse.GetValue(shards) is { } n ? PositiveInt(shards, n) : (int?)null;
            var slice = ResolveShard(parse.GetValue(shard), shard.Name, shardCount, shards.Name, context.Environment);
            var suffix = slice.Count == 1 ? "-sweep" : Invariant($"-sweep-shard-{slice.Index}-of-{slice.Count}");
            return RunSweep(context, file, slice, threadCount, folder.Destination(parse, file.Spec.Base, suffix, context));
        }));
        return command;
    }

    private static Command MergeCommand(Context context)
    {
        var folders = new Argument<string[]>("DIR") { Description = "The shards' output folders (each with sweep.json and tidy.csv).", Arity = ArgumentArity.OneOrMore };
        var drawing = new DrawingOptions("Which heatmap files to write (default: the sweep file's output.figures).");
        var folder = new FolderOptions("merged");
        var command = NewCommand(
            "merge",
            "Combines the output folders of a sweep's shards into the folder one unsharded sweep writes: sweep.json, tidy.csv, summary.csv, figures/, report.html.",
            [.. drawing.All, .. folder.All]);
        command.Arguments.Add(folders);
        command.SetAction(parse => context.Guarded(() =>
        {
            if (string.IsNullOrWhiteSpace(parse.GetValue(folder.Out)))
            {
                throw new UsageException("--out: give the folder to write the merged sweep into, e.g. --out all.");
            }

            var shardFolders = parse.GetValue(folders) ?? [];
            MergedSweep merged;
            try
            {
                merged = SweepFiles.ReadShards(shardFolders);
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(MessageText.OneLine(e.Message), e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException(MessageText.OneLine($"merge: cannot read a shard: {e.Message}"), e);
            }

            var file = merged.File with { Output = drawing.Apply(parse, merged.File.Output) };
            var destination = folder.Destination(parse, file.Spec.Base, string.Empty, context);
            IReadOnlyList<SweepCellSummary> summary = [];
            var shown = WriteFolder(context, destination, path =>
                summary = context.Rendering.WriteSweep(merged with { File = file }, path, context.CancellationToken));
            return Finish(context, file, summary, shown, destination.Quiet, Invariant($"{shardFolders.Length} shards merged"));
        }));
        return command;
    }

    private static Shard ResolveShard(string? text, string shardFlag, int? shards, string shardsFlag, IReadOnlyDictionary<string, string> environment)
    {
        try
        {
            if (text is null)
            {
                return Shard.FromVariables(environment, shards) ?? (shards is int count
                    ? throw new UsageException($"{shardsFlag}: {count} shards, but which one? Give {shardFlag} i/{count}, or run as a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) or a Slurm array task.")
                    : Shard.All);
            }

            var parsed = Shard.Parse(text);
            return shards is int n && n != parsed.Count ? throw new UsageException($"{shardsFlag}: {n} shards, but {shardFlag} {text} says {parsed.Count}.") : parsed;
        }
        catch (Exception e) when (SettingError.Of(e) is { } error)
        {
            throw new UsageException($"{shardFlag}: {error.Message}", e);
        }
    }

    private static int RunSweep(Context context, SweepFile file, Shard shard, int threads, Destination destination)
    {
        CheckFolder(destination);
        var spec = file.Spec;
        var cells = spec.Cells();
        SweepResult result = null!;
        IReadOnlyList<SweepCellSummary>? summary = null;
        var seconds = 0.0;
        var shown = WriteFolder(context, destination, path =>
        {
            if (!destination.Quiet)
            {
                var runs = spec.RunCount;
                var mine = shard.RunCountOf(runs);
                context.Error.WriteLine(shard.Count == 1
                    ? Invariant($"descentlab: sweeping {spec.Base.Name}: {cells.Count} cells × {spec.Base.Replicates} replicates = {runs} runs of {spec.Base.Training.Epochs} epochs, {threads} threads")
                    : Invariant($"descentlab: sweeping {spec.Base.Name}, shard {shard}: {mine} of {runs} runs ({cells.Count} cells × {spec.Base.Replicates} replicates) of {spec.Base.Training.Epochs} epochs, {threads} threads"));
            }

            var clock = Stopwatch.StartNew();
            result = SweepRunner.Run(spec, shard, new RunOptions { MaxDegreeOfParallelism = threads }, context.CancellationToken);
            seconds = clock.Elapsed.TotalSeconds;
            context.CancellationToken.ThrowIfCancellationRequested();
            summary = context.Rendering.WriteSweep(file, result, path, context.CancellationToken);
        });
        var done = Invariant($"{result.Rows.Count} runs in {seconds:0.0} s");
        if (summary is not null)
        {
            return Finish(context, file, summary, shown, destination.Quiet, done);
        }

        if (!destination.Quiet)
        {
            context.Output.WriteLine(Invariant($"{spec.Base.Name}: shard {shard}, {done}; combine the shards with 'descentlab merge DIR... --out DIR'"));
        }

        context.Output.WriteLine($"output: {shown}");
        return ExitCodes.Success;
    }

    private static int Finish(Context context, SweepFile file, IReadOnlyList<SweepCellSummary> summary, string shown, bool quiet, string done)
    {
        if (!quiet)
        {
            var b = file.Spec.Base;
            context.Output.WriteLine(Invariant($"{b.Name}: {summary.Count} cells × {b.Replicates} replicates, {b.Training.Epochs} epochs, reached: {b.Statistics.ToleranceTextFor(b.Model.MinimumName)} ({done})"));
            context.Output.WriteLine();
            ResultsTable.WriteSweep(summary, context.Output);
            context.Output.WriteLine();
            context.Output.WriteLine($"output: {shown}");
        }

        context.Output.WriteLine(file.Output.Report ? $"report: {Path.Combine(shown, "report.html")}" : $"summary: {Path.Combine(shown, SweepFiles.SummaryName)}");
        return ExitCodes.Success;
    }

    private static int PositiveInt(Option option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new UsageException($"{option.Name}: expected a whole number of at least 1, got '{text}'.");
}
