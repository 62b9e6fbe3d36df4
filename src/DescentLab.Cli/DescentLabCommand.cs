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
            RunCommand(context),
            LandscapeCommand(context),
            AnalyzeCommand(context),
            SweepCommand(context),
            MergeCommand(context),
            ServeCommand(context),
        };
        return root;
    }

    /// <summary>A subcommand with <paramref name="options"/>, in the order its help lists them.</summary>
    private static Command NewCommand(string name, string description, IEnumerable<Option> options)
    {
        var command = new Command(name, description);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        return command;
    }

    private static Command RunCommand(Context context)
    {
        var spec = new SpecOptions();
        var drawing = new DrawingOptions("Which figure files to write (default: the file's output.figures, all for the seed).");
        var xAxis = XAxisOption();
        var folder = new FolderOptions("runs/NAME-SEED");
        var command = NewCommand(
            "run",
            "Trains every method of the experiment and writes the output folder: experiment.json, summary.json, trajectories.csv, data.csv, figures/, report.html.",
            [.. spec.All, .. drawing.All, xAxis, .. folder.All]);
        command.SetAction(parse => context.Guarded(() =>
        {
            var file = spec.Resolve(parse, output => WithXAxis(drawing.Apply(parse, output), parse.GetValue(xAxis), xAxis.Name));
            return RunExperiment(context, file, folder.Destination(parse, file.Spec, suffix: string.Empty, context, spec));
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
        var command = NewCommand(
            "landscape",
            "Evaluates the loss surfaces over a plane of two parameters that covers θ* and every method's path: the full-data slice and profile as CSV, and the landscape figures (full data and minibatches); no report. "
            + "For network models, a plane through a centre spanned by two directions (Li et al.), with the paths projected onto it, and a report.",
            [.. spec.All, kind, plane, resolution, .. drawing.All, xAxis, .. network.All, .. folder.All]);
        command.SetAction(parse => context.Guarded(() =>
        {
            var file = spec.Resolve(parse, output => WithXAxis(output, parse.GetValue(xAxis), xAxis.Name));
            if (file.Spec.Model.IsLinear)
            {
                network.RefuseForLinear(parse);
            }
            else if (new[] { kind, plane }.FirstOrDefault(o => parse.GetValue(o) is not null) is { } linearOnly)
            {
                throw new UsageException($"{linearOnly.Name}: applies to the linear model only; a {file.Spec.Model} model's plane is set by --directions, --centre and --range.");
            }

            LandscapeKind[] kinds = parse.GetValue(kind) switch
            {
                null => [LandscapeKind.Slice, LandscapeKind.Profile],
                "slice" => [LandscapeKind.Slice],
                "profile" => [LandscapeKind.Profile],
                var other => throw new UsageException($"{kind.Name}: '{other}' is not a landscape kind; use slice or profile."),
            };
            var count = ParseResolution(parse, resolution);
            if (!file.Spec.Model.IsLinear)
            {
                // The file's output section is about a run's folder; a landscape draws its figures and page unless told not to.
                var networkJob = network.Job(parse, count);
                file = file with { Output = drawing.Apply(parse, file.Output with { Figures = FigureFormats.All, Report = !parse.GetValue(network.NoReport) }) };
                return WriteNetworkLandscape(context, file, networkJob, folder.Destination(parse, file.Spec, "-landscape", context, spec));
            }

            file = file with { Output = drawing.Apply(parse, file.Output) };
            var job = new LandscapeJob { Plane = ParsePlane(parse.GetValue(plane), plane.Name, file), Kinds = kinds, Resolution = count };
            return WriteLandscapes(context, file, job, folder.Destination(parse, file.Spec, "-landscape", context, spec));
        }));
        return command;
    }

    private static int ParseResolution(ParseResult parse, Option<string?> resolution) =>
        parse.GetValue(resolution) is { } text ? (int)SpecOptions.ParseWhole(resolution, text, 2, GridAxis.MaxCount) : LandscapeJob.DefaultResolution;

    private static Command AnalyzeCommand(Context context)
    {
        var spec = new SpecOptions();
        var command = NewCommand(
            "analyze",
            "Prints the theory numbers of the experiment's dataset: θ*, the Hessian's eigenvalues, the condition number and the step-size bounds, and what they mean for each method's learning rate. Writes nothing.",
            spec.Problem);
        command.SetAction(parse => context.Guarded(() =>
        {
            var file = spec.Resolve(parse);
            if (!file.Spec.Model.IsLinear)
            {
                throw new UsageException($"--model: analyze covers the linear model only in this version; the experiment's model is {file.Spec.Model}.");
            }

            Analyze(context, file.Spec);
            return ExitCodes.Success;
        }));
        return command;
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

    private static int RunExperiment(Context context, ExperimentFile file, Destination destination)
    {
        CheckFolder(destination);
        var spec = file.Spec;
        if (!spec.Model.IsLinear)
        {
            var stage = $"descentlab: running {spec.Name}, {spec.Model} model, {spec.Methods.Count} methods, {spec.Training.Epochs} epochs";
            var runNetwork = (RunOptions options) => ExperimentRunner.RunNetwork(spec, options, context.CancellationToken);
            return RunIntoFolder(context, file, destination, stage, runNetwork, context.Rendering.WriteNetworkExperiment, result =>
            {
                WriteNetworkTable(result, context.Output);
                if (result.Statistics is { } statistics)
                {
                    context.Output.WriteLine();
                    ResultsTable.WriteStatistics(statistics, spec.Seed, context.Output, NetworkReferenceNote(result), spec.Model.MinimumName);
                }
            });
        }

        foreach (var warning in StabilityWarning.Of(ProblemAnalysis.Analyze(ExperimentRunner.CreateProblem(spec)), spec.Methods))
        {
            context.Error.WriteLine($"descentlab: warning: {warning.Message}");
        }

        var running = spec.Replicates == 1
            ? $"descentlab: running {spec.Name}, {spec.Methods.Count} methods, {spec.Training.Epochs} epochs"
            : $"descentlab: running {spec.Name}, {spec.Methods.Count} methods, {spec.Training.Epochs} epochs, {spec.Replicates} replicates";
        var run = (RunOptions options) => ExperimentRunner.Run(spec, options, context.CancellationToken);
        return RunIntoFolder(context, file, destination, running, run, context.Rendering.WriteExperiment, result =>
        {
            var analysis = ProblemAnalysis.Analyze(result.Problem);
            context.Output.WriteLine(ResultsTable.Describe(spec, analysis, result.Problem.SampleCount));
            context.Output.WriteLine();
            ResultsTable.Write(result, context.Output);
            ResultsTable.WriteOutcomeNote(result, context.Output);
            if (analysis.OptimumNote is { } note)
            {
                context.Output.WriteLine($"optimum: {note}");
            }

            if (result.Statistics is { } statistics)
            {
                context.Output.WriteLine();
                ResultsTable.WriteStatistics(statistics, spec.Seed, context.Output);
            }
        });
    }

    /// <summary>
    /// Runs an experiment with its progress on the console, writes its output folder through <paramref name="write"/>
    /// (figures and report as the output settings ask), and prints the result through <paramref name="print"/> unless quiet.
    /// </summary>
    private static int RunIntoFolder<T>(
        Context context,
        ExperimentFile file,
        Destination destination,
        string stage,
        Func<RunOptions, T> run,
        Action<T, OutputSettings, string, CancellationToken> write,
        Action<T> print)
    {
        var spec = file.Spec;
        var progress = destination.Quiet ? null : new ConsoleProgress(context.Error, context.Terminal, spec.Methods.Select(m => m.Name), spec.Training.Epochs, spec.Replicates);
        T result = default!;
        string shown;
        try
        {
            shown = WriteFolder(context, destination, path =>
            {
                progress?.Stage(stage);
                result = run(new RunOptions { Progress = progress, Time = TimeProvider.System });
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

                write(result, file.Output, path, context.CancellationToken);
            });
        }
        finally
        {
            progress?.Finish();
        }

        if (!destination.Quiet)
        {
            print(result);
            context.Output.WriteLine();
            context.Output.WriteLine($"output: {shown}");
        }

        // The last line, printed even with --quiet: the report, or the summary when there is none.
        context.Output.WriteLine(file.Output.Report
            ? $"report: {Path.Combine(shown, ExperimentFolder.ReportFileName)}"
            : $"summary: {Path.Combine(shown, ExperimentOutputWriter.SummaryFileName)}");
        return ExitCodes.Success;
    }

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

    private static int WriteLandscapes(Context context, ExperimentFile file, LandscapeJob job, Destination destination)
    {
        ExperimentResult result = null!;
        IReadOnlyList<string> written = [];
        var shown = WriteFolder(context, destination, path =>
        {
            result = ExperimentRunner.Run(file.Spec, new RunOptions(), context.CancellationToken);
            written = context.Rendering.WriteLandscapes(result, file.Output, job, path, context.CancellationToken);
        });
        var (x, y) = job.PlaneOf(result.Problem);
        var headline = Invariant($"{file.Spec.Name}: loss over ({x}, {y}), {job.Resolution}×{job.Resolution} points covering θ* and {result.Runs.Count} paths");
        return ListWritten(context, destination, shown, written, o => o.WriteLine(headline));
    }

    /// <summary>Prints a landscape's <paramref name="summary"/> and the files written (unless quiet), then the folder.</summary>
    private static int ListWritten(Context context, Destination destination, string shown, IReadOnlyList<string> written, Action<TextWriter> summary)
    {
        if (!destination.Quiet)
        {
            summary(context.Output);
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
        if (a.OptimumNote is { } note)
        {
            o.WriteLine($"                      {note}");
        }

        o.WriteLine($"minimum loss L*       {N(a.MinimumLoss)}");
        o.WriteLine($"Hessian eigenvalues   {string.Join("  ", a.Eigenvalues.Select(N))}");
        if (a.LinearlyDependent)
        {
            o.WriteLine($"                      λmin⁺ = {N(a.FlattestCurvature)}: the loss does not depend on the directions of the zero eigenvalues, so the rates below use the smallest nonzero one");
        }

        o.WriteLine($"condition number κ    {N(a.ConditionNumber)}");
        o.WriteLine($"GD stable for lr <    {N(a.StabilityBound)}   (2/λmax)");
        o.WriteLine($"best constant lr      {N(a.BestConstantStep)}   (2/({a.FlattestName}+λmax)), contraction {ResultsTable.Rate(a.BestConstantRate)} per step");
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

    /// <summary>Refuses an output folder that cannot be used (writing nothing), then creates it if <paramref name="create"/>.</summary>
    private static OutputFolder? CheckFolder(Destination destination, bool create = false)
    {
        try
        {
            OutputFolder.Check(destination.Path, destination.Force);
            return create ? OutputFolder.Create(destination.Path, destination.Force) : null;
        }
        catch (OutputFolderException e)
        {
            throw new UsageException(FolderMessage(e), e);
        }
    }

    /// <summary>
    /// Creates the output folder of <paramref name="destination"/>, fills it through <paramref name="write"/> and renames it into
    /// place; returns it as shown to the user. Another run that got there first is bad input (exit 2), as at the start.
    /// </summary>
    private static string WriteFolder(Context context, Destination destination, Action<string> write)
    {
        using var folder = CheckFolder(destination, create: true)!;
        WriteNotes(context, folder.Notes);
        write(folder.Path);
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
        WriteNotes(context, folder.Notes.Skip(notes));
        return Shown(folder.Target);
    }

    private static void WriteNotes(Context context, IEnumerable<string> notes)
    {
        foreach (var note in notes)
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

        public Option[] All => NoReport is null ? [Figures] : [Figures, NoReport];

        /// <summary>The output settings with the flags' choices, where given.</summary>
        public OutputSettings Apply(ParseResult parse, OutputSettings output)
        {
            output = SpecOptions.Apply(parse, Figures, (o, text) => ExperimentJson.ParseFigures(text, o.Name), output, (s, f) => s with { Figures = f });
            return NoReport is not null && parse.GetValue(NoReport) ? output with { Report = false } : output;
        }
    }

    /// <summary>The output-folder flags of run, landscape, sweep and merge.</summary>
    private sealed class FolderOptions(string defaultName)
    {
        public Option<string?> Out { get; } = new("--out") { Description = $"The output folder (default {defaultName}).", HelpName = "DIR" };

        public Option<bool> Force { get; } = new("--force") { Description = "Replace the output folder if it exists." };

        public Option<bool> Quiet { get; } = new("--quiet") { Description = "No progress and no table; print only the output's path." };

        public Option[] All => [Out, Force, Quiet];

        /// <summary>The folder to write (--out, else runs/NAME-SEED<paramref name="suffix"/>); prints the notes of <paramref name="options"/> unless quiet.</summary>
        public Destination Destination(ParseResult parse, ExperimentSpec spec, string suffix, Context context, SpecOptions? options = null)
        {
            var quiet = parse.GetValue(Quiet);
            var path = parse.GetValue(Out);
            if (path is null)
            {
                var name = string.Concat(spec.Name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
                path = Path.Combine("runs", Invariant($"{name}-{spec.Seed}{suffix}"));
            }
            else if (string.IsNullOrWhiteSpace(path))
            {
                throw new UsageException("--out: the folder path is empty.");
            }

            if (options is not null && !quiet)
            {
                WriteNotes(context, options.Notes);
            }

            return new Destination(path, parse.GetValue(Force), quiet);
        }
    }

    /// <summary>An output folder and how to write it: whether to replace one DescentLab wrote, and whether to print only its path.</summary>
    private sealed record Destination(string Path, bool Force, bool Quiet);

    /// <summary>
    /// What every command's action needs (with the process environment for batch schedulers' shard variables, which the
    /// core never reads), and the mapping of failures to exit codes.
    /// </summary>
    private sealed record Context(
        TextWriter Output,
        TextWriter Error,
        bool Terminal,
        IExperimentRendering Rendering,
        IReadOnlyDictionary<string, string> Environment,
        CancellationToken CancellationToken)
    {
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
