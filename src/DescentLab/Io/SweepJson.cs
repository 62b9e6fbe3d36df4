using System.Text.Json;
using DescentLab.Experiments;
using DescentLab.Sweeps;

namespace DescentLab.Io;

/// <summary>
/// Reads and writes sweep files: an experiment file's fields for the base (no "methods") and a "sweep" object with the
/// axes lr, batchSize, sampler and optimizer; unknown fields rejected, every error located by its JSON path.
/// </summary>
/// <remarks>
/// Each axis is a list (a single value counts as a list of one). An optimizer is a kind ("sgd", "adam", …) or an object
/// with a "name" and the fields of an experiment file's optimizer except "lr", which the lr axis gives. The file's
/// shape is <see cref="SweepFileDto"/>; <see cref="Write"/> is canonical: a parsed sweep always writes the same bytes.
/// </remarks>
public static class SweepJson
{
    /// <summary>The name of the sweep object in a sweep file.</summary>
    public const string SweepField = "sweep";

    private static SpecJsonContext Context => SpecJsonContext.Default;

    /// <summary>Reads the sweep file at <paramref name="path"/>; a CSV path inside it is relative to the file's folder.</summary>
    /// <exception cref="SpecFormatException">The file is not valid JSON or a field is wrong; the message names the JSON path.</exception>
    public static SweepFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var json = InputFile.ReadAllText(path);
        return Parse(json, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>Parses sweep JSON; CSV paths inside it are relative to <paramref name="baseDirectory"/>.</summary>
    /// <exception cref="SpecFormatException">The text is not valid JSON or a field is wrong; the message names the JSON path.</exception>
    public static SweepFile Parse(string json, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        using var document = JsonFormat.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SpecFormatException(JsonFormat.TopLevel, "expected an object with the experiment's fields and a \"sweep\" object.");
        }

        if (root.TryGetProperty("methods", out _))
        {
            throw new SpecFormatException("methods", "a sweep file has no methods: its cells come from the \"sweep\" axes.");
        }

        if (!root.TryGetProperty(SweepField, out var sweepElement) || sweepElement.ValueKind == JsonValueKind.Null)
        {
            throw new SpecFormatException(SweepField, "required: an object with the axes lr, batchSize, sampler and optimizer.");
        }

        var dto = JsonFormat.Read(root, "$", Context.SweepFileDto);
        var experiment = ExperimentJson.ToSpec(dto, baseDirectory);
        var output = ExperimentJson.ToOutput(dto.Output);
        if (experiment.Randomness == RandomnessMode.Notebook)
        {
            throw new SpecFormatException("rng", "a sweep uses independent randomness; notebook randomness is one stream through a fixed list of methods.");
        }

        var spec = new SweepSpec { Base = experiment };
        var axes = dto.Sweep!;
        var at = (string name) => JsonFormat.PathOf(SweepField, name);
        if (ExperimentJson.Present(axes.Lr))
        {
            var values = Items(axes.Lr, at("lr")).Select(x => JsonFormat.Read(x.Element, x.Path, Context.Double)).ToArray();
            spec = ExperimentJson.Build(SweepField, () => spec with { LearningRates = values });
        }

        if (ExperimentJson.Present(axes.BatchSize))
        {
            var values = Items(axes.BatchSize, at("batchSize")).Select(x => JsonFormat.Read(x.Element, x.Path, Context.Int32)).ToArray();
            spec = ExperimentJson.Build(SweepField, () => spec with { BatchSizes = values });
        }

        if (ExperimentJson.Present(axes.Sampler))
        {
            var values = Items(axes.Sampler, at("sampler"))
                .Select(x => ExperimentJson.SamplerWords.Parse(JsonFormat.Read(x.Element, x.Path, Context.String), x.Path))
                .ToArray();
            CheckDistinct(values, at("sampler"), "a sampler");
            spec = ExperimentJson.Build(SweepField, () => spec with { Samplers = values });
        }

        if (ExperimentJson.Present(axes.Optimizer))
        {
            var values = Items(axes.Optimizer, at("optimizer")).Select(x => Optimizer(x.Element, x.Path)).ToArray();
            spec = ExperimentJson.Build(SweepField, () => spec with { Optimizers = values });
        }

        CheckDistinct(spec.LearningRates, at("lr"), "a learning rate");
        CheckDistinct(spec.BatchSizes, at("batchSize"), "a batch size");
        return new SweepFile(spec, output);
    }

    /// <summary>The file as JSON text, every field written: the base experiment's fields, then the sweep's axes.</summary>
    /// <remarks>Canonical: the same sweep always gives the same bytes, so a digest of this text identifies the sweep.</remarks>
    public static string Write(SweepFile file, string dataPath = "data.csv")
    {
        ArgumentNullException.ThrowIfNull(file);
        var spec = file.Spec;
        var experiment = ExperimentJson.ToDto(new ExperimentFile(spec.Base, file.Output), dataPath);
        var dto = new SweepFileDto(experiment)
        {
            Methods = null,
            Sweep = new SweepAxesDto
            {
                Lr = JsonFormat.Element([.. spec.LearningRates], Context.DoubleArray),
                BatchSize = JsonFormat.Element([.. spec.BatchSizes], Context.Int32Array),
                Sampler = JsonFormat.Element([.. spec.Samplers.Select(s => ExperimentJson.SamplerWords[s])], Context.StringArray),
                Optimizer = JsonFormat.Element([.. spec.Optimizers.Select(Named)], Context.JsonElementArray),
            },
        };
        return JsonFormat.Write(dto, Context.SweepFileDto);
    }

    /// <summary>An optimizer of the sweep as written: its name, then its fields without the lr, which the lr axis gives.</summary>
    private static JsonElement Named(OptimizerChoice choice)
    {
        var fields = ExperimentJson.ToDto(choice.Options, withLearningRate: false).EnumerateObject();
        var dto = new SweepOptimizerDto { Name = choice.Name, Options = new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))) };
        return JsonFormat.Element(dto, Context.SweepOptimizerDto);
    }

    private static void CheckDistinct<T>(IReadOnlyList<T> values, string path, string what)
    {
        if (values.Distinct().Count() != values.Count)
        {
            throw new SpecFormatException(path, $"{what} appears twice.");
        }
    }

    private static IEnumerable<(JsonElement Element, string Path)> Items(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Array
            ? element.GetArrayLength() == 0
                ? throw new SpecFormatException(path, "at least one value is needed.")
                : element.EnumerateArray().Select((e, i) => (e, JsonFormat.PathOf(path, i)))
            : [(element, path)];

    private static OptimizerChoice Optimizer(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            var kind = JsonFormat.Read(element, path, Context.String);
            return new OptimizerChoice(kind, ExperimentJson.ToOptimizer(JsonFormat.Element(new KindDto { Kind = kind }, Context.KindDto), path));
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SpecFormatException(path, $"expected an optimizer kind such as \"sgd\" or an object with a name and its options, got {JsonFormat.Describe(element)}.");
        }

        if (element.TryGetProperty("lr", out _))
        {
            throw new SpecFormatException(JsonFormat.PathOf(path, "lr"), "the learning rate comes from the sweep's lr axis.");
        }

        // The name belongs to the sweep, the other fields to the optimizer.
        var dto = JsonFormat.Read(element, path, Context.SweepOptimizerDto);
        var name = dto.Name is { } given
            ? ExperimentJson.NonBlankAt(given, JsonFormat.PathOf(path, "name"))
            : ExperimentJson.KindOf(element, path) ?? "sgd";
        var options = JsonFormat.Element(dto with { Name = null }, Context.SweepOptimizerDto);
        return new OptimizerChoice(name, ExperimentJson.ToOptimizer(options, path));
    }
}
