using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DescentLab.Experiments;
using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Sweeps;

namespace DescentLab.Io;

/// <summary>
/// Reads and writes sweep files: an experiment file's fields for the base (no "methods") and a "sweep" object with the
/// axes lr, batchSize, sampler and optimizer; unknown fields rejected, every error located by its JSON path.
/// </summary>
/// <remarks>
/// Each axis is a list (a single value counts as a list of one). An optimizer is a kind ("sgd", "adam", …) or an object
/// with a "name" and the fields of an experiment file's optimizer except "lr", which the lr axis gives.
/// </remarks>
public static class SweepJson
{
    /// <summary>The name of the sweep object in a sweep file.</summary>
    public const string SweepField = "sweep";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

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
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: DocumentOptions);

            // JsonNode builds an object's dictionary on first use, and a repeated key throws there: use it now.
            _ = root is JsonObject first ? first.Count : 0;
        }
        catch (ArgumentException e)
        {
            var key = e.Message.IndexOf("Key: ", StringComparison.Ordinal) is var at and >= 0 ? e.Message[(at + 5)..].Split(" (")[0] : "a field";
            throw new SpecFormatException(MessageText.Excerpt(key), "the field appears twice.", e);
        }
        catch (JsonException)
        {
            // The experiment reader words syntax errors with their line and byte; let it.
            ExperimentJson.Parse(json, baseDirectory);
            throw;
        }

        if (root is not JsonObject o)
        {
            throw new SpecFormatException("(top level)", "expected an object with the experiment's fields and a \"sweep\" object.");
        }

        if (o.ContainsKey("methods"))
        {
            throw new SpecFormatException("methods", "a sweep file has no methods: its cells come from the \"sweep\" axes.");
        }

        if (!o.TryGetPropertyValue(SweepField, out var sweepNode) || sweepNode is null)
        {
            throw new SpecFormatException(SweepField, "required: an object with the axes lr, batchSize, sampler and optimizer.");
        }

        o.Remove(SweepField);
        var experiment = ExperimentJson.Parse(o.ToJsonString(), baseDirectory);
        if (experiment.Spec.Randomness == RandomnessMode.Notebook)
        {
            throw new SpecFormatException("rng", "a sweep uses independent randomness; notebook randomness is one stream through a fixed list of methods.");
        }

        var spec = new SweepSpec { Base = experiment.Spec };
        var sweep = new JsonObjectReader(Element(sweepNode), SweepField);
        if (sweep.Get("lr", out var lr, out var lrPath))
        {
            var values = Items(lr, lrPath).Select(x => JsonObjectReader.Double(x.Element, x.Path)).ToArray();
            spec = Set(lrPath, () => spec with { LearningRates = values });
        }

        if (sweep.Get("batchSize", out var batch, out var batchPath))
        {
            var values = Items(batch, batchPath).Select(x => JsonObjectReader.Int(x.Element, x.Path)).ToArray();
            spec = Set(batchPath, () => spec with { BatchSizes = values });
        }

        if (sweep.Get("sampler", out var sampler, out var samplerPath))
        {
            var values = Items(sampler, samplerPath).Select(x => Sampler(JsonObjectReader.String(x.Element, x.Path), x.Path)).ToArray();
            if (values.Distinct().Count() != values.Length)
            {
                throw new SpecFormatException(samplerPath, "a sampler appears twice.");
            }

            spec = Set(samplerPath, () => spec with { Samplers = values });
        }

        if (sweep.Get("optimizer", out var optimizer, out var optimizerPath))
        {
            var values = Items(optimizer, optimizerPath).Select(x => Optimizer(x.Element, x.Path)).ToArray();
            spec = Set(optimizerPath, () => spec with { Optimizers = values });
        }

        sweep.CheckUnknown();
        if (spec.LearningRates.Distinct().Count() != spec.LearningRates.Count)
        {
            throw new SpecFormatException(lrPath, "a learning rate appears twice.");
        }

        if (spec.BatchSizes.Distinct().Count() != spec.BatchSizes.Count)
        {
            throw new SpecFormatException(batchPath, "a batch size appears twice.");
        }

        return new SweepFile(spec, experiment.Output);
    }

    /// <summary>The file as JSON text, every field written: the base experiment's fields, then the sweep's axes.</summary>
    public static string Write(SweepFile file, string dataPath = "data.csv")
    {
        ArgumentNullException.ThrowIfNull(file);
        var spec = file.Spec;
        var baseJson = ExperimentJson.Write(new ExperimentFile(spec.Base, file.Output), dataPath);
        using var document = JsonDocument.Parse(baseJson);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JsonText.Encoder }))
        {
            w.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name != "methods")
                {
                    property.WriteTo(w);
                }
            }

            w.WriteStartObject(SweepField);
            w.WriteStartArray("lr");
            foreach (var lr in spec.LearningRates)
            {
                w.WriteNumberValue(lr);
            }

            w.WriteEndArray();
            w.WriteStartArray("batchSize");
            foreach (var b in spec.BatchSizes)
            {
                w.WriteNumberValue(b);
            }

            w.WriteEndArray();
            w.WriteStartArray("sampler");
            foreach (var s in spec.Samplers)
            {
                w.WriteStringValue(ExperimentJson.SamplerKinds[(int)s]);
            }

            w.WriteEndArray();
            w.WriteStartArray("optimizer");
            foreach (var choice in spec.Optimizers)
            {
                w.WriteStartObject();
                w.WriteString("name", choice.Name);
                using var fields = new MemoryStream();
                using (var inner = new Utf8JsonWriter(fields))
                {
                    inner.WriteStartObject();
                    ExperimentJson.WriteOptimizerFields(inner, choice.Options);
                    inner.WriteEndObject();
                }

                using var optimizer = JsonDocument.Parse(fields.ToArray());
                foreach (var property in optimizer.RootElement.EnumerateObject())
                {
                    // The lr axis gives the learning rate.
                    if (property.Name != "lr")
                    {
                        property.WriteTo(w);
                    }
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static IEnumerable<(JsonElement Element, string Path)> Items(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Array
            ? element.GetArrayLength() == 0
                ? throw new SpecFormatException(path, "at least one value is needed.")
                : element.EnumerateArray().Select((e, i) => (e, Invariant($"{path}[{i}]")))
            : [(element, path)];

    private static SamplerKind Sampler(string text, string path)
    {
        var index = ExperimentJson.SamplerKinds.ToList().IndexOf(text);
        return index >= 0
            ? (SamplerKind)index
            : throw new SpecFormatException(path, $"'{text}' is not a sampler; use {string.Join(", ", ExperimentJson.SamplerKinds)}.");
    }

    private static OptimizerChoice Optimizer(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            var kind = element.GetString()!;
            var options = ExperimentJson.ReadOptimizer(Element(new JsonObject { ["kind"] = kind }), path);
            return new OptimizerChoice(kind, options);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SpecFormatException(path, $"expected an optimizer kind such as \"sgd\" or an object with a name and its options, got {JsonObjectReader.Describe(element)}.");
        }

        var node = JsonObject.Create(element)!.DeepClone().AsObject();
        if (node.ContainsKey("lr"))
        {
            throw new SpecFormatException(Invariant($"{path}.lr"), "the learning rate comes from the sweep's lr axis.");
        }

        string name;
        if (node.TryGetPropertyValue("name", out var nameNode) && nameNode is not null)
        {
            name = JsonObjectReader.String(Element(nameNode), path + ".name");
            ExperimentJson.NonBlankAt(name, path + ".name");

            node.Remove("name");
        }
        else
        {
            name = node.TryGetPropertyValue("kind", out var k) && k is JsonValue v && v.TryGetValue<string>(out var kindText) ? kindText : "sgd";
        }

        OptimizerOptions read = ExperimentJson.ReadOptimizer(Element(node), path);
        return new OptimizerChoice(name, read);
    }

    /// <summary>The node as an element, without JsonSerializer: trimmed and file-based apps turn reflection-based JSON off.</summary>
    private static JsonElement Element(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private static T Set<T>(string path, Func<T> set)
    {
        try
        {
            return set();
        }
        catch (ArgumentException e)
        {
            throw new SpecFormatException(path, SettingError.MessageOf(e), e);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
