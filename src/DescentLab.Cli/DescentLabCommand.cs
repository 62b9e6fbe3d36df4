using System.CommandLine;
using System.Globalization;
using DescentLab.Analysis;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Landscapes;
using DescentLab.Rendering;

namespace DescentLab.Cli;

/// <summary>The <c>descentlab</c> command: <c>run</c>, <c>landscape</c>, <c>analyze</c>, <c>sweep</c>, <c>merge</c> and <c>serve</c>, callable in process with any writers.</summary>
public static partial class DescentLabCommand
{
    /// <summary>Runs the command line <paramref name="args"/>, writing results to <paramref name="output"/> and messages and progress to <paramref name="error"/>.</summary>
    /// <param name="args">The arguments after the command name.</param>
    /// <param name="output">Standard output: the results table and the output path.</param>
    /// <param name="error">Standard error: progress and error messages.</param>
    /// <param name="terminal">Whether <paramref name="error"/> is a terminal, where progress is a live bar instead of lines.</param>
    /// <param name="cancellationToken">Cancels a run (Ctrl-C); the command then cleans up and returns <see cref="ExitCodes.Cancelled"/>.</param>
    /// <returns>The exit code: see <see cref="ExitCodes"/>.</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, bool terminal = false, CancellationToken cancellationToken = default) =>
        Run(args, output, error, terminal, ExperimentRendering.Default, cancellationToken, ProcessEnvironment());

    internal static int Run(
        IReadOnlyList<string> args,
        TextWriter output,
        TextWriter error,
        bool terminal,
        IExperimentRendering rendering,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var context = new Context(output, error, terminal, rendering, environment ?? new Dictionary<string, string>(), cancellationToken);
        var root = BuildCommand(context);
        // No response files: a column named "@y" given to --y is a name, not a file to read arguments from.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            error.WriteLine($"descentlab: {MessageText.OneLine(parse.Errors[0].Message)}");
            error.WriteLine("Try 'descentlab --help' or 'descentlab run --help'.");
            return ExitCodes.BadInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    private static Command BuildCommand(Context context)
    {
        // Named here rather than after the executable, so that help reads "descentlab" under dotnet run, as a tool and in tests.
        var root = new Command(
            "descentlab",
            "Runs, compares and shows gradient-descent training on regression problems. 'descentlab run' runs the seed experiment; "
            + "'descentlab run --config FILE.json' runs any experiment file; 'descentlab sweep --config SWEEP.json' runs a grid of settings "
            + "× seeds, in shards if asked, and 'descentlab merge' combines the shards.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(RunCommand(context));
        root.Subcommands.Add(LandscapeCommand(context));
        root.Subcommands.Add(AnalyzeCommand(context));
        root.Subcommands.Add(SweepCommand(context));
        root.Subcommands.Add(MergeCommand(context));
        root.Subcommands.Add(ServeCommand(context));
        return root;
    }

    private static Command RunCommand(Context context)
    {
        var spec = new SpecOptions();
        var drawing = new DrawingOptions("Which figure files to write (default: the file's output.figures, all for the seed).");
        var xAxis = XAxisOption();
        var folder = new FolderOptions("runs/NAME-SEED");
        var command = new Command("run", "Trains every method of the experiment and writes the output folder: experiment.json, summary.json, trajectories.csv, data.csv, figures/, report.html.");
        spec.AddTo(command);
        drawing.AddTo(command);
        command.Options.Add(xAxis);
        folder.AddTo(command);
        command.SetAction(parse => context.Guarded(() =>
        {
            var file = spec.Resolve(parse, output => WithXAxis(drawing.Apply(parse, output), parse.GetValue(xAxis), xAxis.Name));
            var target = folder.Target(parse, file.Spec, suffix: string.Empty);
            WriteNotes(context, spec, parse.GetValue(folder.Quiet));
            return RunExperiment(context, file, target, parse.GetValue(folder.Force), parse.GetValue(folder.Quiet));
        }));
        return command;
    }

    private static Command LandscapeCommand(Context context)
    {
        var spec = new SpecOptions();
        var kind = new Option<string?>("--kind") { Description = "slice (other parameters held at θ*) or profile (minimised out); default both.", HelpName = "slice|profile" };
        var plane = new Option<string?>("--plane") { Description = "The two parameters of the plane, e.g. x^2,x (default: the file's output.plane, else the first two).", HelpName = "X,Y" };
        var resolution = new Option<string?>("--resolution") { Description = "Grid values along each axis (default 101; figures use at most 400).", HelpName = "N" };
        var drawing = new DrawingOptions("Which files of the landscape figures to write (default all).", report: false);
        var xAxis = XAxisOption();
        var network = new NetworkLandscapeOptions();
        var folder = new FolderOptions("runs/NAME-SEED-landscape");
        var command = new Command("landscape", "Evaluates the loss surfaces over a plane of two parameters that covers θ* and every method's path: the full-data slice and profile as CSV, and the landscape figures (full data and minibatches); no report. "
            + "For network models, a plane through a centre spanned by two directions (Li et al.), with the paths projected onto it, and a report.");
        spec.AddTo(command);
        command.Options.Add(kind);
        command.Options.Add(plane);
        command.Options.Add(resolution);
        drawing.AddTo(command);
        command.Options.Add(xAxis);
        network.AddTo(command);
        folder.AddTo(command);
        command.SetAction(parse => context.Guarded(() =>
        {
            var file = spec.Resolve(parse, output => WithXAxis(output, parse.GetValue(xAxis), xAxis.Name));
            if (!file.Spec.Model.IsLinear)
            {
                return NetworkLandscape(context, file, parse, network, kind, plane, resolution, drawing, folder, spec);
            }

            network.RefuseForLinear(parse);
            LandscapeKind[] kinds = parse.GetValue(kind) switch
            {
                null => [LandscapeKind.Slice, LandscapeKind.Profile],
                "slice" => [LandscapeKind.Slice],
                "profile" => [LandscapeKind.Profile],
                var other => throw new UsageException($"{kind.Name}: '{other}' is not a landscape kind; use slice or profile."),
            };
            var count = ParseResolution(parse, resolution);
            file = file with { Output = drawing.Apply(parse, file.Output) };
            var job = new LandscapeJob { Plane = ParsePlane(parse.GetValue(plane), plane.Name, file), Kinds = kinds, Resolution = count };
            var target = folder.Target(parse, file.Spec, suffix: "-landscape");
            WriteNotes(context, spec, parse.GetValue(folder.Quiet));
            return WriteLandscapes(context, file, job, target, parse.GetValue(folder.Force), parse.GetValue(folder.Quiet));
        }));
        return command;
    }

    private static int NetworkLandscape(Context context, ExperimentFile file, ParseResult parse, NetworkLandscapeOptions network, Option<string?> kind, Option<string?> plane, Option<string?> resolution, DrawingOptions drawing, FolderOptions folder, SpecOptions spec)
    {
        foreach (var option in new[] { kind, plane })
        {
            if (parse.GetValue(option) is not null)
            {
                throw new UsageException($"{option.Name}: applies to the linear model only; a {file.Spec.Model} model's plane is set by --directions, --centre and --range.");
            }
        }

        // The file's output section is about a run's folder; a landscape draws its figures and page unless told not to.
        var job = network.Job(parse, ParseResolution(parse, resolution));
        file = file with { Output = drawing.Apply(parse, file.Output with { Figures = FigureFormats.All, Report = !parse.GetValue(network.NoReport) }) };

        var target = folder.Target(parse, file.Spec, suffix: "-landscape");
        WriteNotes(context, spec, parse.GetValue(folder.Quiet));
        return WriteNetworkLandscape(context, file, job, target, parse.GetValue(folder.Force), parse.GetValue(folder.Quiet));
    }

    private static int ParseResolution(ParseResult parse, Option<string?> resolution)
    {
        var count = LandscapeJob.DefaultResolution;
        if (parse.GetValue(resolution) is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 2 || count > GridAxis.MaxCount))
        {
            throw new UsageException($"{resolution.Name}: expected a whole number from 2 to {GridAxis.MaxCount}, got '{text}'.");
        }

        return count;
    }

    private static Command AnalyzeCommand(Context context)
    {
        var spec = new SpecOptions();
        var command = new Command("analyze", "Prints the theory numbers of the experiment's dataset: θ*, the Hessian's eigenvalues, the condition number and the step-size bounds, and what they mean for each method's learning rate. Writes nothing.");
        spec.AddProblemTo(command);
        command.SetAction(parse => context.Guarded(() =>
        {
            var file = spec.Resolve(parse);
            LinearOnly(file, "analyze");
            Analyze(context, file.Spec);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void WriteNotes(Context context, SpecOptions spec, bool quiet)
    {
        if (!quiet)
        {
            foreach (var note in spec.Notes)
            {
                context.Error.WriteLine($"descentlab: note: {note}");
            }
        }
    }

    private static Option<string?> XAxisOption() => new("--x-axis")
    {
        Description = "What loss curves and the replay are drawn against (default: the file's output.xAxis, epochs for the seed); the report can switch it.",
        HelpName = "epochs|steps|samples",
    };

    /// <summary>The output settings with the x-axis of <paramref name="text"/>, if given ("epochs", "steps", "samples", or the file's singular words).</summary>
    private static OutputSettings WithXAxis(OutputSettings output, string? text, string flag) => text switch
    {
        null => output,
        "epochs" or "epoch" => output with { XAxis = XAxis.Epochs },
        "steps" or "step" or "updates" => output with { XAxis = XAxis.Steps },
        "samples" => output with { XAxis = XAxis.Samples },
        _ => throw new UsageException($"{flag}: '{text}' is not an x-axis; use epochs, steps or samples."),
    };

    private static int RunExperiment(Context context, ExperimentFile file, string target, bool force, bool quiet)
    {
        if (!file.Spec.Model.IsLinear)
        {
            return RunNetworkExperiment(context, file, target, force, quiet);
        }

        CheckFolder(target, force);
        var spec = file.Spec;
        foreach (var warning in StabilityWarning.Of(ProblemAnalysis.Analyze(ExperimentRunner.CreateProblem(spec)), spec.Methods))
        {
            context.Error.WriteLine($"descentlab: warning: {warning.Message}");
        }

        var stage = spec.Replicates == 1
            ? $"descentlab: running {spec.Name}, {spec.Methods.Count} methods, {spec.Training.Epochs} epochs"
            : $"descentlab: running {spec.Name}, {spec.Methods.Count} methods, {spec.Training.Epochs} epochs, {spec.Replicates} replicates";
        var (result, shown) = RunIntoFolder(context, file, target, force, quiet, stage, options => ExperimentRunner.Run(spec, options, context.CancellationToken), context.Rendering.WriteExperiment);
        if (!quiet)
        {
            context.Output.WriteLine(ResultsTable.Describe(spec, ProblemAnalysis.Analyze(result.Problem), result.Problem.SampleCount));
            context.Output.WriteLine();
            ResultsTable.Write(result, context.Output);
            ResultsTable.WriteOutcomeNote(result, context.Output);
            context.Output.WriteLine();
            if (result.Statistics is { } statistics)
            {
                ResultsTable.WriteStatistics(statistics, spec.Seed, context.Output);
                context.Output.WriteLine();
            }

            context.Output.WriteLine($"output: {shown}");
        }

        WriteFolderLine(context, file, shown);
        return ExitCodes.Success;
    }

    /// <summary>
    /// Runs an experiment with its progress on the console and writes its output folder through <paramref name="write"/>
    /// (figures and report as the output settings ask); returns the result and the folder as shown to the user.
    /// </summary>
    private static (T Result, string Shown) RunIntoFolder<T>(
        Context context, ExperimentFile file, string target, bool force, bool quiet, string stage, Func<RunOptions, T> run, Action<T, OutputSettings, string, CancellationToken> write)
    {
        var spec = file.Spec;
        var progress = quiet ? null : new ConsoleProgress(context.Error, context.Terminal, spec.Methods.Select(m => m.Name), spec.Training.Epochs, spec.Replicates);
        using var folder = CreateFolder(context, target, force);
        try
        {
            progress?.Stage(stage);
            var result = run(new RunOptions { Progress = progress, Time = TimeProvider.System });
            progress?.Finish();
            context.CancellationToken.ThrowIfCancellationRequested();
            if (file.Output.Figures != FigureFormats.None)
            {
                progress?.Stage("descentlab: writing figures");
            }

            if (file.Output.Report)
            {
                progress?.Stage("descentlab: writing the report");
            }

            write(result, file.Output, folder.Path, context.CancellationToken);
            CompleteFolder(context, folder);
            return (result, Shown(folder.Target));
        }
        finally
        {
            progress?.Finish();
        }
    }

    /// <summary>The last line of a run, printed even with --quiet: the report, or the summary when there is none.</summary>
    private static void WriteFolderLine(Context context, ExperimentFile file, string shown) =>
        context.Output.WriteLine(file.Output.Report ? $"report: {Path.Combine(shown, ExperimentFolder.ReportFileName)}" : $"summary: {Path.Combine(shown, ExperimentOutputWriter.SummaryFileName)}");

    /// <summary>The plane of --plane ("X,Y", two different parameters of the problem), else the file's; null for the problem's default.</summary>
    private static (string X, string Y)? ParsePlane(string? text, string flag, ExperimentFile file)
    {
        if (text is null)
        {
            return file.Output.Plane;
        }

        var names = ExperimentRunner.CreateProblem(file.Spec).ParameterNames;
        var parts = text.Split(',');
        if (parts.Length != 2 || parts[0] == parts[1] || parts.Any(p => !names.Contains(p, StringComparer.Ordinal)))
        {
            throw new UsageException($"{flag}: expected two different parameters from {string.Join(", ", names)}, e.g. {names[^2]},{names[0]}; got '{text}'.");
        }

        return (parts[0], parts[1]);
    }

    private static int WriteLandscapes(Context context, ExperimentFile file, LandscapeJob job, string target, bool force, bool quiet)
    {
        var spec = file.Spec;
        CheckFolder(target, force);
        using var folder = CreateFolder(context, target, force);
        var result = ExperimentRunner.Run(spec, new RunOptions(), context.CancellationToken);
        var written = context.Rendering.WriteLandscapes(result, file.Output, job, folder.Path, context.CancellationToken);
        CompleteFolder(context, folder);
        var shown = Shown(folder.Target);
        if (!quiet)
        {
            var (x, y) = job.PlaneOf(result.Problem);
            context.Output.WriteLine(Invariant($"{spec.Name}: loss over ({x}, {y}), {job.Resolution}×{job.Resolution} points covering θ* and {result.Runs.Count} paths"));
            foreach (var name in written)
            {
                context.Output.WriteLine($"  {Path.Combine(shown, name)}");
            }
        }

        context.Output.WriteLine($"output: {shown}");
        return ExitCodes.Success;
    }

    private static void Analyze(Context context, ExperimentSpec spec)
    {
        var problem = ExperimentRunner.CreateProblem(spec);
        var a = ProblemAnalysis.Analyze(problem);
        var o = context.Output;
        var names = problem.ParameterNames;
        string N(double v) => ResultsTable.Number(v);
        o.WriteLine(Invariant($"{spec.Name}: seed {spec.Seed}, {problem.SampleCount} samples, degree {spec.Degree}, parameters {string.Join(", ", names)}"));
        o.WriteLine();
        o.WriteLine($"optimum θ*            {string.Join("  ", names.Select((n, j) => $"{n} = {N(a.Optimum[j])}"))}");
        o.WriteLine($"minimum loss L*       {N(a.MinimumLoss)}");
        o.WriteLine($"Hessian eigenvalues   {string.Join("  ", a.Eigenvalues.Select(N))}");
        o.WriteLine($"condition number κ    {N(a.ConditionNumber)}");
        o.WriteLine($"GD stable for lr <    {N(a.StabilityBound)}   (2/λmax)");
        o.WriteLine($"best constant lr      {N(a.BestConstantStep)}   (2/(λmin+λmax)), contraction {ResultsTable.Rate(a.BestConstantRate)} per step");
        o.WriteLine($"heavy ball            lr {N(a.HeavyBallStep)}, momentum {N(a.HeavyBallMomentum)}, contraction {ResultsTable.Rate(a.HeavyBallRate)} per step");
        o.WriteLine();
        // Columns at least as wide as the seed's, wider where a cell needs it (an unstable lr gives 4.23745e+06).
        var table = new ConsoleTable(rule: false)
            .Column("method", text: true, minWidth: 16)
            .Column("lr", text: true, minWidth: 10)
            .Column("lr·λmax", text: true, minWidth: 8)
            .Column("GD contraction/step", text: true, minWidth: 20)
            .Column("steps per 10× less excess loss", text: true);
        foreach (var m in spec.Methods)
        {
            var lr = m.Optimizer.LearningRate;
            table.Row([m.Name, N(lr), N(lr * a.LargestEigenvalue), ResultsTable.Rate(a.SlowestContraction(lr)), N(a.StepsPerDecade(lr))]);
        }

        table.Write(o);
        o.WriteLine();
        o.WriteLine("(The last two columns are full-batch GD's at that lr; minibatch methods add gradient noise, and other optimizers rescale the step.)");
    }

    /// <summary>A path as the user would type it: relative to the working folder when inside it, else absolute.</summary>
    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static void CheckFolder(string target, bool force)
    {
        try
        {
            OutputFolder.Check(target, force);
        }
        catch (OutputFolderException e)
        {
            throw new UsageException(FolderMessage(e), e);
        }
    }

    private static OutputFolder CreateFolder(Context context, string target, bool force)
    {
        OutputFolder folder;
        try
        {
            folder = OutputFolder.Create(target, force);
        }
        catch (OutputFolderException e)
        {
            throw new UsageException(FolderMessage(e), e);
        }

        foreach (var note in folder.Notes)
        {
            context.Error.WriteLine($"descentlab: note: {note}");
        }

        return folder;
    }

    /// <summary>Renames the finished output into place; another run that got there first is bad input (exit 2), as at the start.</summary>
    private static void CompleteFolder(Context context, OutputFolder folder)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        var notes = folder.Notes.Count;
        try
        {
            folder.Complete();
        }
        catch (OutputFolderException e) when (e.Problem == OutputFolderProblem.Exists)
        {
            throw new UsageException($"--out: {e.Message}", e);
        }

        context.Written = folder.Target;
        foreach (var note in folder.Notes.Skip(notes))
        {
            context.Error.WriteLine($"descentlab: note: {note}");
        }
    }

    private static string FolderMessage(OutputFolderException e) => e.Problem switch
    {
        OutputFolderProblem.Exists => $"--out: {e.Message} Pass --force to replace it (it was written by DescentLab), or choose another folder with --out.",
        _ => $"--out: {e.Message}",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The flags that choose what is drawn: --figures and, where there is a report, --no-report.</summary>
    private sealed class DrawingOptions(string figuresDescription, bool report = true)
    {
        public Option<string?> Figures { get; } = new("--figures") { Description = figuresDescription, HelpName = "none|png|svg|all" };

        public Option<bool>? NoReport { get; } = report ? new("--no-report") { Description = "Do not write report.html." } : null;

        public void AddTo(Command command)
        {
            command.Options.Add(Figures);
            if (NoReport is not null)
            {
                command.Options.Add(NoReport);
            }
        }

        /// <summary>The output settings with the flags' choices, where given.</summary>
        public OutputSettings Apply(ParseResult parse, OutputSettings output)
        {
            if (parse.GetValue(Figures) is { } text)
            {
                output = output with { Figures = SpecOptions.Guard(Figures, () => ExperimentJson.ParseFigures(text, Figures.Name)) };
            }

            return NoReport is not null && parse.GetValue(NoReport) ? output with { Report = false } : output;
        }
    }

    /// <summary>The output-folder flags of run, landscape, sweep and merge.</summary>
    private sealed class FolderOptions(string defaultName)
    {
        public Option<string?> Out { get; } = new("--out") { Description = $"The output folder (default {defaultName}).", HelpName = "DIR" };

        public Option<bool> Force { get; } = new("--force") { Description = "Replace the output folder if it exists." };

        public Option<bool> Quiet { get; } = new("--quiet") { Description = "No progress and no table; print only the output's path." };

        public void AddTo(Command command)
        {
            command.Options.Add(Out);
            command.Options.Add(Force);
            command.Options.Add(Quiet);
        }

        public string Target(ParseResult parse, ExperimentSpec spec, string suffix)
        {
            if (parse.GetValue(Out) is { } target)
            {
                if (string.IsNullOrWhiteSpace(target))
                {
                    throw new UsageException("--out: the folder path is empty.");
                }

                return target;
            }

            var name = string.Concat(spec.Name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
            return Path.Combine("runs", Invariant($"{name}-{spec.Seed}{suffix}"));
        }
    }

    /// <summary>What every command's action needs, and the mapping of failures to exit codes.</summary>
    private sealed class Context(TextWriter output, TextWriter error, bool terminal, IExperimentRendering rendering, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        /// <summary>The process environment (batch schedulers' shard variables); the core never reads it.</summary>
        public IReadOnlyDictionary<string, string> Environment { get; } = environment;

        public TextWriter Output { get; } = output;

        public TextWriter Error { get; } = error;

        public bool Terminal { get; } = terminal;

        public IExperimentRendering Rendering { get; } = rendering;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        /// <summary>The output folder once renamed into place: after that, a failure must not claim nothing was written.</summary>
        public string? Written { get; set; }

        public int Guarded(Func<int> action)
        {
            try
            {
                return action();
            }
            catch (UsageException e)
            {
                Error.WriteLine($"descentlab: {MessageText.OneLine(e.Message)}");
                return ExitCodes.BadInput;
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                Error.WriteLine(Written is null ? "descentlab: cancelled; nothing was written." : $"descentlab: cancelled after writing {Shown(Written)}.");
                return ExitCodes.Cancelled;
            }
            catch (OutputFolderException e)
            {
                // Its message says what is on disk.
                Error.WriteLine($"descentlab: --out: {MessageText.OneLine(e.Message)}");
                return ExitCodes.Failure;
            }
            catch (Exception e)
            {
                Error.WriteLine(Written is null
                    ? $"descentlab: failed while running: {MessageText.OneLine(e.Message)} Nothing was written; the output folder was left as it was."
                    : $"descentlab: failed after writing {Shown(Written)}: {MessageText.OneLine(e.Message)}");
                return ExitCodes.Failure;
            }
        }
    }
}
