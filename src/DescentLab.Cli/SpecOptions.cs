using System.CommandLine;
using System.Globalization;
using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Cli;

/// <summary>The flags that choose an experiment (a file, then overrides of its fields), shared by every command.</summary>
/// <remarks>
/// Values are taken as text and parsed here with the invariant culture, so every message names its flag in the same
/// way ("--lr: expected a number, got 'abc'.").
/// </remarks>
internal sealed partial class SpecOptions
{
    public Option<string?> Config { get; } = new("--config") { Description = "An experiment file (JSON) to run instead of the seed experiment.", HelpName = "FILE.json" };

    public Option<string?> Seed { get; } = new("--seed") { Description = "The experiment seed (0 to 4294967295).", HelpName = "S" };

    public Option<string?> Rng { get; } = new("--rng") { Description = "independent (shared init, one shuffle stream per run) or notebook (the seed notebook's exact stream).", HelpName = "independent|notebook" };

    public Option<string?> Data { get; } = new("--data") { Description = "A CSV file with a header row to fit instead of generated data.", HelpName = "CSV" };

    public Option<string?> X { get; } = new("--x") { Description = "The CSV's input column(s), comma-separated (default x).", HelpName = "COLUMNS" };

    public Option<string?> Y { get; } = new("--y") { Description = "The CSV's output column (default y).", HelpName = "COLUMN" };

    public Option<string?> Label { get; } = new("--label") { Description = "The CSV's class column instead of --y: integers (classes in numeric order) or names (in ordinal order); the data becomes classification data.", HelpName = "COLUMN" };

    public Option<string?> Model { get; } = new("--model") { Description = "The model: linear (least squares on polynomial features), logistic, softmax, or mlp:WIDTHS[:tanh|relu|sigmoid] (e.g. mlp:16,16:tanh).", HelpName = "linear|logistic|softmax|mlp:16,16:tanh" };

    public Option<string?> DatasetShape { get; } = new("--dataset") { Description = "Generated classification data instead of the seed's: moons, circles, blobs or xor (scikit-learn's conventions, 200 samples).", HelpName = "moons|circles|blobs|xor" };

    public Option<string?> Degree { get; } = new("--degree") { Description = "The polynomial degree of the features (1 to 32).", HelpName = "D" };

    public Option<string?> Epochs { get; } = new("--epochs") { Description = "Epochs to train every method.", HelpName = "N" };

    public Option<string?> LearningRate { get; } = new("--lr") { Description = "The learning rate of every method.", HelpName = "LR" };

    public Option<string?> BatchSize { get; } = new("--batch-size") { Description = "The batch size of every minibatch method.", HelpName = "B" };

    public Option<string?> Init { get; } = new("--init") { Description = "shared, independent, or the initial values in parameter order (e.g. 0,0,0).", HelpName = "shared|independent|v1,v2,..." };

    public Option<string?> Methods { get; } = new("--methods") { Description = $"The methods to run, comma-separated, from: {BuiltInMethods.Names}.", HelpName = "M1,M2,..." };

    public Option<string?> RecordEvery { get; } = new("--record-every") { Description = "Record every k-th step (the first and last are always recorded).", HelpName = "K" };

    public Option<string?> DivergenceFactor { get; } = new("--divergence-factor") { Description = "Stop a run as diverged when its full-data loss passes F × max(L(θ₀), L*) (default 1e6).", HelpName = "F" };

    public Option<string?> Replicates { get; } = new("--replicates") { Description = "Run the experiment under seeds S, S+1, …, S+R−1 and add statistics across them (replicates/ in the output).", HelpName = "R" };

    /// <summary>Every option, in the order the help lists them.</summary>
    public Option[] All =>
        [Config, Seed, Rng, Data, X, Y, Label, Model, DatasetShape, Count, Noise, Factor, Centers, ClusterStd, Degree, Epochs, LearningRate, BatchSize, Init, Methods, RecordEvery, DivergenceFactor, Replicates, MaxMemory];

    /// <summary>Only the options that set the problem and each method's learning rate: what a command that trains nothing reads.</summary>
    /// <remarks>Options left out are never parsed, so <see cref="Resolve"/> leaves those settings as the file has them.</remarks>
    public Option[] Problem => [Config, Seed, Rng, Data, X, Y, Label, Degree, LearningRate, BatchSize, Methods];

    /// <summary>The experiment file named by --config (or the seed experiment) with every flag applied, checked against its data.</summary>
    /// <exception cref="UsageException">A flag, a field of the file or a line of a data file is wrong.</exception>
    public ExperimentFile Resolve(ParseResult parse, Func<OutputSettings, OutputSettings>? outputOverrides = null)
    {
        var configPath = parse.GetValue(Config);
        var file = configPath is null ? ExperimentFile.Seed : ReadFile(configPath, "--config", ExperimentJson.Read);
        var spec = Apply(parse, Seed, ParseSeed, file.Spec, (s, v) => s with { Seed = v });
        spec = Apply(parse, Rng, (o, t) => ExperimentJson.ParseRandomness(t, o.Name), spec, (s, v) => s with { Randomness = v });
        var x = parse.GetValue(X);
        var y = parse.GetValue(Y);
        var label = parse.GetValue(Label);
        if (y is not null && label is not null)
        {
            throw new UsageException($"{Label.Name}: the class column replaces {Y.Name}; give {Y.Name} (a numeric output) or {Label.Name} (classes), not both.");
        }

        if (parse.GetValue(Data) is { } dataPath)
        {
            spec = spec with { Data = new GivenData(ReadCsv(dataPath, x, y, label)) };
            if (configPath is null)
            {
                // The seed experiment's name would mislabel someone's own data: name it for the file instead.
                var stem = Path.GetFileNameWithoutExtension(dataPath);
                spec = spec with { Name = string.IsNullOrWhiteSpace(stem) ? "data" : stem };
            }
        }
        else if (x is not null || y is not null || label is not null)
        {
            throw new UsageException($"{(x is not null ? X.Name : y is not null ? Y.Name : Label.Name)}: names a column of a CSV file; give the file with --data.");
        }

        if (parse.GetValue(DatasetShape) is { } shapeText)
        {
            if (parse.GetValue(Data) is not null)
            {
                throw new UsageException($"{DatasetShape.Name}: generates the data; it cannot be combined with {Data.Name}.");
            }

            var shape = shapeText is "moons" or "circles" or "blobs" or "xor"
                ? Enum.Parse<ClassificationShape>(shapeText, ignoreCase: true)
                : throw new UsageException($"{DatasetShape.Name}: '{shapeText}' is not a dataset; use moons, circles, blobs or xor.");
            spec = spec with { Data = new ClassificationData(new ClassificationDataGenerator { Shape = shape }) };
            if (configPath is null)
            {
                spec = spec with { Name = shapeText };
            }
        }

        spec = ApplyGeneratorOptions(parse, spec);
        spec = Apply(parse, Model, (o, t) => ExperimentJson.ParseModel(t, o.Name), spec, (s, v) => s with { Model = v });
        spec = Apply(parse, Degree, ParseInt, spec, (s, v) => s with { Degree = v });
        if (Given(parse, Degree) && !spec.Model.IsLinear)
        {
            throw new UsageException($"{Degree.Name}: applies to the linear model only (polynomial features); a {spec.Model} model takes the inputs as they are.");
        }

        spec = Apply(parse, Methods, (_, t) => ParseMethods(t), spec, (s, v) => s with { Methods = v });
        var training = Apply(parse, Epochs, ParseInt, spec.Training, (t, v) => t with { Epochs = v });
        training = Apply(parse, RecordEvery, ParseInt, training, (t, v) => t with { RecordEvery = v });
        training = Apply(parse, DivergenceFactor, ParseDouble, training, (t, v) => t with { DivergenceFactor = v });
        spec = Apply(parse, Replicates, ParseInt, spec with { Training = training }, (s, v) => s with { Replicates = v });
        spec = Apply(parse, LearningRate, ParseDouble, spec, (s, lr) => s with
        {
            Methods = [.. s.Methods.Select(m => m with { Optimizer = m.Optimizer with { LearningRate = lr } })],
        });
        spec = Apply(parse, BatchSize, ParseInt, spec, (s, batch) => s.Methods.All(m => m.Sampler.Kind == SamplerKind.FullBatch)
            ? throw new UsageException($"{BatchSize.Name}: every method is full-batch; choose a minibatch method with --methods.")
            : s with
            {
                Methods = [.. s.Methods.Select(m => m.Sampler.Kind == SamplerKind.FullBatch ? m : m with { Sampler = m.Sampler with { BatchSize = batch } })],
            });
        spec = Apply(parse, Init, (_, t) => ParseInit(t), spec, (s, v) => s with { Init = v });
        var output = outputOverrides is null ? file.Output : outputOverrides(file.Output);
        var checkedFile = Check(new ExperimentFile(spec, output), configPath, parse);
        return parse.CommandResult.Command.Options.Contains(RecordEvery) ? Budget(parse, checkedFile) : checkedFile;
    }

    /// <summary>
    /// The value of <paramref name="option"/>, if given, read by <paramref name="read"/> and set on <paramref name="target"/> by
    /// <paramref name="set"/>; a value the core refuses is reported against the flag.
    /// </summary>
    internal static T Apply<T, TValue>(ParseResult parse, Option<string?> option, Func<Option, string, TValue> read, T target, Func<T, TValue, T> set) =>
        parse.GetValue(option) is { } text ? Guard(option, () => set(target, read(option, text))) : target;

    /// <summary>Whether <paramref name="option"/> was given on the command line.</summary>
    private static bool Given(ParseResult parse, Option<string?> option) => parse.GetValue(option) is not null;

    /// <summary>The library's check of what only the data can tell (<see cref="ExperimentFileCheck"/>), its refusals named by flag or by file; throws a <see cref="UsageException"/>.</summary>
    private ExperimentFile Check(ExperimentFile file, string? configPath, ParseResult parse)
    {
        try
        {
            // The library's check, which the playground server runs too: the same rules and the same JSON paths.
            var data = ExperimentFileCheck.CreateData(file);
            CheckDefaultBatchSizes(file.Spec, data.Count, configPath, parse);
            ExperimentFileCheck.Check(file, data);
            return file;
        }
        catch (SpecFormatException e) when (e.JsonPath == "output.plane" && configPath is null)
        {
            // A plane from flags alone is only a preference: data without those parameters lets the renderer choose.
            return file with { Output = file.Output with { Plane = null } };
        }
        catch (SpecFormatException e)
        {
            // A value a flag set is named by the flag; one from the file by the file and its JSON path.
            var path = e.JsonPath ?? "data";
            var where = path.EndsWith(".sampler.batchSize", StringComparison.Ordinal) && Given(parse, BatchSize) ? BatchSize.Name
                : path == "init" && Given(parse, Init) ? Init.Name
                : path == "model" && (Given(parse, Model) || configPath is null) ? Model.Name
                : path == "data" && Given(parse, Data) ? Data.Name
                : path == "epochs" && (Given(parse, Epochs) || configPath is null) ? Epochs.Name
                : path == "replicates" && (Given(parse, Replicates) || Given(parse, Seed) || configPath is null) ? Replicates.Name
                : Where(configPath, path);
            throw new UsageException($"{where}: {e.Detail ?? e.Message}", e);
        }
    }

    /// <summary>Without a file the batch size is the built-in methods' default, which --batch-size sets: a default too big for the data names that flag.</summary>
    private void CheckDefaultBatchSizes(ExperimentSpec spec, int n, string? configPath, ParseResult parse)
    {
        if (configPath is not null || Given(parse, BatchSize))
        {
            return;
        }

        foreach (var method in spec.Methods)
        {
            if (method.Sampler.Kind != SamplerKind.FullBatch && method.Sampler.BatchSize > n)
            {
                throw new UsageException(Invariant($"{BatchSize.Name}: the batch size {method.Sampler.BatchSize} (the default of method '{method.Name}') is larger than the {n} samples; give {BatchSize.Name} {n} or less."));
            }
        }
    }

    private static string Where(string? configPath, string jsonPath) => configPath is null ? jsonPath : $"{configPath}: {jsonPath}";

    /// <summary>Reads the experiment or sweep file at <paramref name="path"/> given to <paramref name="flag"/>; every failure is bad input naming the file.</summary>
    internal static T ReadFile<T>(string path, string flag, Func<string, T> read)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{flag}: no such file: {path}");
        }

        try
        {
            return read(path);
        }
        catch (SpecFormatException e)
        {
            throw new UsageException($"{path}: {e.Message}", e);
        }
        catch (DataFormatException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{flag}: cannot read {path}: {e.Message}", e);
        }
    }

    private Dataset ReadCsv(string path, string? xText, string? yText, string? labelText)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{Data.Name}: no such file: {path}");
        }

        string[] xs = xText is null ? ["x"] : [.. xText.Split(',').Select(s => s.Trim())];
        if (xs.Any(string.IsNullOrEmpty))
        {
            throw new UsageException($"{X.Name}: a column name is empty in '{xText}'.");
        }

        if (xs.Distinct(StringComparer.Ordinal).Count() != xs.Length)
        {
            throw new UsageException($"{X.Name}: the columns '{xText}' repeat a name.");
        }

        var yOption = labelText is null ? Y : Label;
        var y = labelText ?? yText ?? "y";
        if (string.IsNullOrWhiteSpace(y))
        {
            throw new UsageException($"{yOption.Name}: the column name is empty.");
        }

        if (xs.Contains(y, StringComparer.Ordinal))
        {
            throw new UsageException($"{yOption.Name}: '{y}' is also an x column.");
        }

        var columns = labelText is null ? CsvColumns.Numeric(xs, y) : CsvColumns.Labelled(xs, y);
        return ReadFile(path, Data.Name, p => CsvDatasetReader.Read(p, columns));
    }

    /// <summary>A seed given to <paramref name="option"/>: a whole number from 0 to 4294967295.</summary>
    internal static uint ParseSeed(Option option, string text) => (uint)ParseWhole(option, text, 0, uint.MaxValue);

    /// <summary>The whole number from <paramref name="low"/> to <paramref name="high"/> given to <paramref name="option"/>, without a sign.</summary>
    internal static long ParseWhole(Option option, string text, long low, long high) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= low && value <= high
            ? value
            : throw new UsageException(Invariant($"{option.Name}: expected a whole number from {low} to {high}, got '{text}'."));

    private static int ParseInt(Option option, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"{option.Name}: expected a whole number, got '{text}'.");

    private static double ParseDouble(Option option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new UsageException($"{option.Name}: expected a number such as 0.001 or 1e-3, got '{text}'.");

    private List<Method> ParseMethods(string text)
    {
        var methods = new List<Method>();
        foreach (var name in text.Split(',').Select(s => s.Trim()))
        {
            if (name.Length == 0)
            {
                throw new UsageException($"{Methods.Name}: an empty name in '{text}'; choose from {BuiltInMethods.Names}.");
            }

            var method = BuiltInMethods.Find(name) ?? throw new UsageException($"{Methods.Name}: unknown method '{name}'; choose from {BuiltInMethods.Names}.");
            if (methods.Any(m => m.Name == name))
            {
                throw new UsageException($"{Methods.Name}: '{name}' is named twice.");
            }

            methods.Add(method);
        }

        return methods;
    }

    private InitSpec ParseInit(string text) => text switch
    {
        "shared" => InitSpec.Shared,
        "independent" => InitSpec.Independent,
        _ => InitSpec.Explicit([.. text.Split(',').Select(part =>
            double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw new UsageException($"{Init.Name}: expected shared, independent or numbers in parameter order such as 0,0,0; '{part}' is not a number."))]),
    };

    /// <summary>Runs a core setter and reports its validation message against <paramref name="option"/>.</summary>
    public static T Guard<T>(Option option, Func<T> set)
    {
        try
        {
            return set();
        }
        catch (SpecFormatException e)
        {
            throw new UsageException($"{option.Name}: {e.Detail ?? e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{option.Name}: {SettingError.MessageOf(e)}", e);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
