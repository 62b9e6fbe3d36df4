using System.Globalization;
using System.Text;
using System.Text.Json;
using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Models;
using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Statistics;
using DescentLab.Training;

namespace DescentLab.Io;

/// <summary>Reads and writes experiment files: JSON with a fixed schema, unknown fields rejected, every error located by its JSON path.</summary>
/// <remarks>
/// Every field is optional and defaults to the seed experiment's value. <see cref="Write(ExperimentFile, string)"/> writes
/// every field, so a written file reads back to an equal spec and runs the same experiment. Numbers are written in
/// the shortest round-trip form, so no value changes on the way.
/// </remarks>
public static class ExperimentJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    /// <summary>The sampler kinds as written in a file, in <see cref="SamplerKind"/> order.</summary>
    public static IReadOnlyList<string> SamplerKinds { get; } = ["full-batch", "sequential", "reshuffle", "shuffle-once", "with-replacement"];

    /// <summary>Reads the experiment file at <paramref name="path"/>; a CSV path inside it is relative to the file's folder.</summary>
    /// <exception cref="SpecFormatException">The file is not valid JSON or a field is wrong; the message names the JSON path.</exception>
    /// <exception cref="DataFormatException">The CSV data file it names cannot be read.</exception>
    public static ExperimentFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var json = InputFile.ReadAllText(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return Parse(json, directory);
    }

    /// <summary>Parses experiment JSON; CSV paths inside it are relative to <paramref name="baseDirectory"/>.</summary>
    /// <exception cref="SpecFormatException">The text is not valid JSON or a field is wrong; the message names the JSON path.</exception>
    /// <exception cref="DataFormatException">CSV data, in a file or inline, cannot be read.</exception>
    public static ExperimentFile Parse(string json, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        return ParseText(json, baseDirectory);
    }

    /// <summary>
    /// Parses experiment JSON that must stand on its own: CSV data only inline (<c>data.text</c>), a <c>data.path</c>
    /// is an error. For text from elsewhere (a server's request), which must never make the reader open a file.
    /// </summary>
    /// <exception cref="SpecFormatException">The text is not valid JSON, a field is wrong or it names a file; the message names the JSON path.</exception>
    /// <exception cref="DataFormatException">The inline CSV data cannot be read.</exception>
    public static ExperimentFile ParseSelfContained(string json) => ParseText(json, baseDirectory: null);

    private static ExperimentFile ParseText(string json, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var detail = e.Message;
            var cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
            detail = cut > 0 ? detail[..cut] : detail;

            // The reader's advice is meant for programmers, not for whoever edits the file.
            detail = detail.Replace(" Change the reader options.", string.Empty, StringComparison.Ordinal);
            throw new SpecFormatException(
                string.Create(CultureInfo.InvariantCulture, $"line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: invalid JSON: {detail}"),
                e);
        }

        using (document)
        {
            try
            {
                return ReadFile(document.RootElement, baseDirectory);
            }
            catch (InvalidOperationException e)
            {
                throw new SpecFormatException("(text)", "a string holds an unpaired UTF-16 surrogate escape (such as \\ud800); JSON text must be valid Unicode.", e);
            }
        }
    }

    /// <summary>The file as JSON text, every field written; given data is written as a reference to <paramref name="dataPath"/>.</summary>
    public static string Write(ExperimentFile file, string dataPath = "data.csv")
    {
        using var stream = new MemoryStream();
        Write(file, stream, dataPath);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the file as UTF-8 JSON to <paramref name="stream"/>; given data is written as a reference to <paramref name="dataPath"/>.</summary>
    public static void Write(ExperimentFile file, Stream stream, string dataPath = "data.csv")
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(dataPath);
        var spec = file.Spec;
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JsonText.Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("name", spec.Name);
            w.WriteNumber("seed", spec.Seed);
            w.WriteString("rng", spec.Randomness == RandomnessMode.Notebook ? "notebook" : "independent");
            WriteData(w, spec.Data, dataPath);
            if (!spec.Model.IsLinear)
            {
                w.WriteString("model", spec.Model.ToString());
            }

            w.WriteNumber("degree", spec.Degree);
            w.WriteNumber("epochs", spec.Training.Epochs);
            w.WriteNumber("recordEvery", spec.Training.RecordEvery);
            w.WriteNumber("divergenceFactor", spec.Training.DivergenceFactor);
            if (spec.Training.KeepBatchesOfEpoch is { } keep)
            {
                w.WriteNumber("keepBatchesOfEpoch", keep);
            }
            else
            {
                w.WriteNull("keepBatchesOfEpoch");
            }

            WriteInit(w, spec.Init);
            w.WriteNumber("replicates", spec.Replicates);
            WriteStatistics(w, spec.Statistics);
            w.WriteStartArray("methods");
            foreach (var method in spec.Methods)
            {
                WriteMethod(w, method);
            }

            w.WriteEndArray();
            WriteOutput(w, file.Output);
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private static void WriteData(Utf8JsonWriter w, DataSpec data, string dataPath)
    {
        w.WriteStartObject("data");
        switch (data)
        {
            case SeedData { Generator: var g }:
                w.WriteString("kind", "seed");
                w.WriteNumber("count", g.Count);
                w.WriteNumber("xLow", g.XLow);
                w.WriteNumber("xHigh", g.XHigh);
                w.WriteNumber("aMean", g.AMean);
                w.WriteNumber("aSd", g.ASd);
                w.WriteNumber("bMean", g.BMean);
                w.WriteNumber("bSd", g.BSd);
                w.WriteNumber("cMean", g.CMean);
                w.WriteNumber("cSd", g.CSd);
                break;
            case PolynomialData { Generator: var g }:
                w.WriteString("kind", "polynomial");
                w.WriteNumber("count", g.Count);
                w.WriteNumber("xLow", g.XLow);
                w.WriteNumber("xHigh", g.XHigh);
                w.WriteStartArray("coefficients");
                foreach (var c in g.Coefficients)
                {
                    w.WriteNumberValue(c);
                }

                w.WriteEndArray();
                w.WriteNumber("noiseSd", g.NoiseSd);
                break;
            case ClassificationData { Generator: var g }:
                w.WriteString("kind", g.Shape.ToString().ToLowerInvariant());
                w.WriteNumber("count", g.Count);
                w.WriteNumber("noise", g.Noise);
                w.WriteNumber("factor", g.Factor);
                w.WriteNumber("centers", g.Centers);
                w.WriteNumber("clusterStd", g.ClusterStd);
                break;
            case GivenData { Dataset: var d }:
                w.WriteString("kind", "csv");
                w.WriteString("path", dataPath);
                w.WriteStartArray("x");
                foreach (var name in d.InputNames)
                {
                    w.WriteStringValue(name);
                }

                w.WriteEndArray();
                w.WriteString("y", d.OutputName);
                break;
            default:
                throw new ArgumentException($"data: a {data.GetType().Name} cannot be written to an experiment file.", nameof(data));
        }

        w.WriteEndObject();
    }

    private static void WriteInit(Utf8JsonWriter w, InitSpec init)
    {
        switch (init.Kind)
        {
            case InitKind.Shared:
                w.WriteString("init", "shared");
                break;
            case InitKind.Independent:
                w.WriteString("init", "independent");
                break;
            default:
                w.WriteStartArray("init");
                foreach (var v in init.Values)
                {
                    w.WriteNumberValue(v);
                }

                w.WriteEndArray();
                break;
        }
    }

    private static void WriteStatistics(Utf8JsonWriter w, StatisticsOptions statistics)
    {
        w.WriteStartObject("statistics");
        w.WriteNumber("relativeTolerance", statistics.RelativeTolerance);
        w.WriteStartArray("band");
        w.WriteNumberValue(statistics.BandLower);
        w.WriteNumberValue(statistics.BandUpper);
        w.WriteEndArray();
        w.WriteStartArray("comparisonEpochs");
        foreach (var e in statistics.ComparisonEpochs)
        {
            w.WriteNumberValue(e);
        }

        w.WriteEndArray();
        w.WriteStartArray("comparisonSteps");
        foreach (var step in statistics.ComparisonSteps)
        {
            w.WriteNumberValue(step);
        }

        w.WriteEndArray();
        w.WriteNumber("bootstrapResamples", statistics.BootstrapResamples);
        w.WriteNumber("bootstrapSeed", statistics.BootstrapSeed);
        w.WriteNumber("confidenceLevel", statistics.ConfidenceLevel);
        w.WriteEndObject();
    }

    private static void WriteMethod(Utf8JsonWriter w, Method method)
    {
        w.WriteStartObject();
        w.WriteString("name", method.Name);
        w.WriteStartObject("sampler");
        w.WriteString("kind", SamplerKinds[(int)method.Sampler.Kind]);
        w.WriteNumber("batchSize", method.Sampler.BatchSize);
        w.WriteBoolean("dropLast", method.Sampler.DropLast);
        w.WriteEndObject();
        w.WriteStartObject("optimizer");
        WriteOptimizerFields(w, method.Optimizer);
        w.WriteEndObject();
        w.WriteStartObject("schedule");
        switch (method.Schedule)
        {
            case ConstantLearningRate:
                w.WriteString("kind", "constant");
                break;
            case StepLR s:
                w.WriteString("kind", "step");
                w.WriteNumber("stepSize", s.StepSize);
                w.WriteNumber("gamma", s.Gamma);
                break;
            case ExponentialLR s:
                w.WriteString("kind", "exponential");
                w.WriteNumber("gamma", s.Gamma);
                break;
            case CosineAnnealingLR s:
                w.WriteString("kind", "cosine");
                w.WriteNumber("tMax", s.TMax);
                w.WriteNumber("etaMin", s.EtaMin);
                break;
            default:
                throw new ArgumentException($"methods: the schedule {method.Schedule.GetType().Name} cannot be written to an experiment file.", nameof(method));
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Writes an optimizer's kind and options as fields of the current object.</summary>
    internal static void WriteOptimizerFields(Utf8JsonWriter w, OptimizerOptions optimizer)
    {
        switch (optimizer)
        {
            case SgdOptions o:
                w.WriteString("kind", "sgd");
                w.WriteNumber("lr", o.LearningRate);
                w.WriteNumber("momentum", o.Momentum);
                w.WriteNumber("dampening", o.Dampening);
                w.WriteBoolean("nesterov", o.Nesterov);
                w.WriteNumber("weightDecay", o.WeightDecay);
                w.WriteBoolean("maximize", o.Maximize);
                break;
            case AdamOptions o:
                WriteAdam(w, "adam", o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay, o.Amsgrad, o.Maximize);
                break;
            case AdamWOptions o:
                WriteAdam(w, "adamw", o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay, o.Amsgrad, o.Maximize);
                break;
            case RmspropOptions o:
                w.WriteString("kind", "rmsprop");
                w.WriteNumber("lr", o.LearningRate);
                w.WriteNumber("alpha", o.Alpha);
                w.WriteNumber("eps", o.Epsilon);
                w.WriteNumber("weightDecay", o.WeightDecay);
                w.WriteNumber("momentum", o.Momentum);
                w.WriteBoolean("centered", o.Centered);
                w.WriteBoolean("maximize", o.Maximize);
                break;
            case AdagradOptions o:
                w.WriteString("kind", "adagrad");
                w.WriteNumber("lr", o.LearningRate);
                w.WriteNumber("lrDecay", o.LearningRateDecay);
                w.WriteNumber("weightDecay", o.WeightDecay);
                w.WriteNumber("initialAccumulatorValue", o.InitialAccumulatorValue);
                w.WriteNumber("eps", o.Epsilon);
                w.WriteBoolean("maximize", o.Maximize);
                break;
            default:
                throw new ArgumentException($"methods: the optimizer {optimizer.GetType().Name} cannot be written to an experiment file.", nameof(optimizer));
        }
    }

    private static void WriteAdam(Utf8JsonWriter w, string kind, double lr, double beta1, double beta2, double eps, double weightDecay, bool amsgrad, bool maximize)
    {
        w.WriteString("kind", kind);
        w.WriteNumber("lr", lr);
        w.WriteStartArray("betas");
        w.WriteNumberValue(beta1);
        w.WriteNumberValue(beta2);
        w.WriteEndArray();
        w.WriteNumber("eps", eps);
        w.WriteNumber("weightDecay", weightDecay);
        w.WriteBoolean("amsgrad", amsgrad);
        w.WriteBoolean("maximize", maximize);
    }

    private static void WriteOutput(Utf8JsonWriter w, OutputSettings output)
    {
        w.WriteStartObject("output");
        w.WriteString("figures", output.Figures.ToString().ToLowerInvariant());
        w.WriteBoolean("report", output.Report);
        if (output.Plane is { } plane)
        {
            w.WriteStartArray("plane");
            w.WriteStringValue(plane.X);
            w.WriteStringValue(plane.Y);
            w.WriteEndArray();
        }
        else
        {
            w.WriteNull("plane");
        }

        w.WriteString("xAxis", output.XAxis);
        w.WriteEndObject();
    }

    private static ExperimentFile ReadFile(JsonElement root, string? baseDirectory)
    {
        var o = new JsonObjectReader(root, "$");
        var defaults = ExperimentFile.Seed;
        var spec = defaults.Spec;
        var training = spec.Training;
        if (o.String("name") is { } name)
        {
            spec = Set(o.PathOf("name"), () => spec with { Name = NonBlank(name) });
        }

        if (o.Get("seed", out var seedElement, out var seedPath))
        {
            spec = spec with { Seed = JsonObjectReader.UInt(seedElement, seedPath) };
        }

        if (o.String("rng") is { } rng)
        {
            spec = spec with { Randomness = ParseRandomness(rng, o.PathOf("rng")) };
        }

        if (o.Get("data", out var dataElement, out var dataPath))
        {
            spec = spec with { Data = ReadData(dataElement, dataPath, baseDirectory) };
        }

        if (o.String("model") is { } model)
        {
            spec = spec with { Model = ParseModel(model, o.PathOf("model")) };
        }

        if (o.Int("degree") is { } degree)
        {
            spec = Set(o.PathOf("degree"), () => spec with { Degree = degree });
        }

        if (o.Int("epochs") is { } epochs)
        {
            training = Set(o.PathOf("epochs"), () => training with { Epochs = epochs });
        }

        if (o.Int("recordEvery") is { } recordEvery)
        {
            training = Set(o.PathOf("recordEvery"), () => training with { RecordEvery = recordEvery });
        }

        if (o.Double("divergenceFactor") is { } divergenceFactor)
        {
            training = Set(o.PathOf("divergenceFactor"), () => training with { DivergenceFactor = divergenceFactor });
        }

        if (o.Get("keepBatchesOfEpoch", out var keepElement, out var keepPath))
        {
            int? keep = keepElement.ValueKind == JsonValueKind.Null ? null : JsonObjectReader.Int(keepElement, keepPath);
            training = Set(keepPath, () => training with { KeepBatchesOfEpoch = keep });
        }

        spec = spec with { Training = training };
        if (o.Get("init", out var initElement, out var initPath))
        {
            spec = spec with { Init = ReadInit(initElement, initPath) };
        }

        if (o.Int("replicates") is { } replicates)
        {
            spec = Set(o.PathOf("replicates"), () => spec with { Replicates = replicates });
        }

        if (o.Get("statistics", out var statisticsElement, out var statisticsPath))
        {
            spec = spec with { Statistics = ReadStatistics(statisticsElement, statisticsPath) };
        }

        if (o.Get("methods", out var methodsElement, out var methodsPath))
        {
            var methods = JsonObjectReader.Array(methodsElement, methodsPath)
                .Select((m, i) => ReadMethod(m, string.Create(CultureInfo.InvariantCulture, $"{methodsPath}[{i}]")))
                .ToList();
            spec = Set(methodsPath, () => spec with { Methods = methods });
        }

        var output = defaults.Output;
        if (o.Get("output", out var outputElement, out var outputPath))
        {
            output = ReadOutput(outputElement, outputPath);
        }

        o.CheckUnknown();
        return new ExperimentFile(spec, output);
    }

    /// <summary>Parses "independent" or "notebook".</summary>
    public static RandomnessMode ParseRandomness(string text, string where) => text switch
    {
        "independent" => RandomnessMode.Independent,
        "notebook" => RandomnessMode.Notebook,
        _ => throw new SpecFormatException(where, $"'{text}' is not a randomness mode; use independent or notebook."),
    };

    /// <summary>Parses a model: linear, logistic, softmax or mlp:WIDTHS[:tanh|relu|sigmoid].</summary>
    public static ModelSpec ParseModel(string text, string where)
    {
        try
        {
            return ModelSpec.Parse(text);
        }
        catch (FormatException e)
        {
            throw new SpecFormatException(where, e.Message, e);
        }
    }

    /// <summary>Parses "none", "png", "svg" or "all".</summary>
    public static FigureFiles ParseFigures(string text, string where) => text switch
    {
        "none" => FigureFiles.None,
        "png" => FigureFiles.Png,
        "svg" => FigureFiles.Svg,
        "all" => FigureFiles.All,
        _ => throw new SpecFormatException(where, $"'{text}' is not a figure choice; use none, png, svg or all."),
    };

    private static DataSpec ReadData(JsonElement element, string path, string? baseDirectory)
    {
        var o = new JsonObjectReader(element, path);
        var kind = o.String("kind") ?? throw new SpecFormatException(o.PathOf("kind"), "required: seed, polynomial, csv, moons, circles, blobs or xor.");
        DataSpec data;
        switch (kind)
        {
            case "seed":
            {
                var g = new SeedDataGenerator();
                g = o.Int("count") is { } count ? Set(o.PathOf("count"), () => g with { Count = count }) : g;
                g = o.Double("xLow") is { } xLow ? Set(o.PathOf("xLow"), () => g with { XLow = xLow }) : g;
                g = o.Double("xHigh") is { } xHigh ? Set(o.PathOf("xHigh"), () => g with { XHigh = xHigh }) : g;
                g = o.Double("aMean") is { } aMean ? Set(o.PathOf("aMean"), () => g with { AMean = aMean }) : g;
                g = o.Double("aSd") is { } aSd ? Set(o.PathOf("aSd"), () => g with { ASd = aSd }) : g;
                g = o.Double("bMean") is { } bMean ? Set(o.PathOf("bMean"), () => g with { BMean = bMean }) : g;
                g = o.Double("bSd") is { } bSd ? Set(o.PathOf("bSd"), () => g with { BSd = bSd }) : g;
                g = o.Double("cMean") is { } cMean ? Set(o.PathOf("cMean"), () => g with { CMean = cMean }) : g;
                g = o.Double("cSd") is { } cSd ? Set(o.PathOf("cSd"), () => g with { CSd = cSd }) : g;
                if (!(g.XLow < g.XHigh))
                {
                    throw new SpecFormatException(o.PathOf("xHigh"), Invariant($"must be greater than xLow ({g.XLow}), got {g.XHigh}."));
                }

                data = new SeedData(g);
                break;
            }

            case "polynomial":
            {
                var g = new PolynomialDataGenerator();
                g = o.Int("count") is { } count ? Set(o.PathOf("count"), () => g with { Count = count }) : g;
                g = o.Double("xLow") is { } xLow ? Set(o.PathOf("xLow"), () => g with { XLow = xLow }) : g;
                g = o.Double("xHigh") is { } xHigh ? Set(o.PathOf("xHigh"), () => g with { XHigh = xHigh }) : g;
                if (o.Get("coefficients", out var c, out var cPath))
                {
                    var values = JsonObjectReader.Array(c, cPath).Select((e, i) => JsonObjectReader.Double(e, Invariant($"{cPath}[{i}]"))).ToArray();
                    g = Set(cPath, () => g with { Coefficients = values });
                }

                g = o.Double("noiseSd") is { } noise ? Set(o.PathOf("noiseSd"), () => g with { NoiseSd = noise }) : g;
                if (!(g.XLow < g.XHigh))
                {
                    throw new SpecFormatException(o.PathOf("xHigh"), Invariant($"must be greater than xLow ({g.XLow}), got {g.XHigh}."));
                }

                data = new PolynomialData(g);
                break;
            }

            case "csv":
            {
                var file = o.String("path");
                var text = o.String("text");
                if (file is not null && text is not null)
                {
                    throw new SpecFormatException(o.PathOf("text"), "give the CSV either as a file (path) or inline (text), not both.");
                }

                if (file is null && text is null)
                {
                    throw new SpecFormatException(o.PathOf("path"), "required: the CSV file, relative to this experiment file (or the CSV itself as text).");
                }

                string[] x;
                if (!o.Get("x", out var xElement, out var xPath))
                {
                    x = ["x"];
                }
                else if (xElement.ValueKind == JsonValueKind.String)
                {
                    x = [NonBlankAt(JsonObjectReader.String(xElement, xPath), xPath)];
                }
                else
                {
                    x = [.. JsonObjectReader.Array(xElement, xPath).Select((e, i) => NonBlankAt(JsonObjectReader.String(e, Invariant($"{xPath}[{i}]")), Invariant($"{xPath}[{i}]")))];
                    if (x.Length == 0)
                    {
                        throw new SpecFormatException(xPath, "at least one x column is needed.");
                    }
                }

                var y = o.String("y") ?? "y";
                if (x.Distinct(StringComparer.Ordinal).Count() != x.Length)
                {
                    throw new SpecFormatException(xPath, "the x columns must be distinct.");
                }

                if (x.Contains(y, StringComparer.Ordinal))
                {
                    throw new SpecFormatException(o.PathOf("y"), $"'{y}' is also an x column.");
                }

                if (text is not null)
                {
                    // Errors name the field, then the line: "data.text: line 3, column 'y': …".
                    using var reader = new StringReader(text);
                    data = new GivenData(CsvDatasetReader.Read(reader, o.PathOf("text"), x, y));
                    break;
                }

                if (baseDirectory is null)
                {
                    throw new SpecFormatException(o.PathOf("path"), "files cannot be read here; give the CSV itself as text.");
                }

                if (file!.Length == 0 || file.Contains('\0', StringComparison.Ordinal))
                {
                    throw new SpecFormatException(o.PathOf("path"), file.Length == 0 ? "the path is empty." : "the path contains a NUL character.");
                }

                var full = Path.GetFullPath(Path.Combine(baseDirectory, file));
                if (!File.Exists(full))
                {
                    throw new SpecFormatException(o.PathOf("path"), $"no such file: {full}");
                }

                try
                {
                    data = new GivenData(CsvDatasetReader.Read(full, x, y));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new SpecFormatException(o.PathOf("path"), $"cannot read {full}: {e.Message}", e);
                }

                break;
            }

            case "moons" or "circles" or "blobs" or "xor":
            {
                var g = new ClassificationDataGenerator { Shape = Enum.Parse<ClassificationShape>(kind, ignoreCase: true) };
                g = o.Int("count") is { } count ? Set(o.PathOf("count"), () => g with { Count = count }) : g;
                g = o.Double("noise") is { } noise ? Set(o.PathOf("noise"), () => g with { Noise = noise }) : g;
                g = o.Double("factor") is { } factor ? Set(o.PathOf("factor"), () => g with { Factor = factor }) : g;
                g = o.Int("centers") is { } centers ? Set(o.PathOf("centers"), () => g with { Centers = centers }) : g;
                g = o.Double("clusterStd") is { } std ? Set(o.PathOf("clusterStd"), () => g with { ClusterStd = std }) : g;
                data = new ClassificationData(g);
                break;
            }

            default:
                throw new SpecFormatException(o.PathOf("kind"), $"'{kind}' is not a data kind; use seed, polynomial, csv, moons, circles, blobs or xor.");
        }

        o.CheckUnknown();
        return data;
    }

    private static StatisticsOptions ReadStatistics(JsonElement element, string path)
    {
        var o = new JsonObjectReader(element, path);
        var x = new StatisticsOptions();
        if (o.Get("tolerance", out _, out var tolerancePath))
        {
            // An absolute tolerance meant nothing on another data scale; saying so beats reading it as relative.
            throw new SpecFormatException(tolerancePath, "the tolerance is now relative to L*: use relativeTolerance (default 0.01, i.e. L − L* below 1% of L*).");
        }

        x = o.Double("relativeTolerance") is { } tolerance ? Set(o.PathOf("relativeTolerance"), () => x with { RelativeTolerance = tolerance }) : x;
        if (o.Get("band", out var band, out var bandPath))
        {
            var values = JsonObjectReader.Array(band, bandPath);
            if (values.Count != 2)
            {
                throw new SpecFormatException(bandPath, Invariant($"expected two quantiles [lower, upper], got {values.Count} values."));
            }

            var lower = JsonObjectReader.Double(values[0], bandPath + "[0]");
            var upper = JsonObjectReader.Double(values[1], bandPath + "[1]");
            x = Set(bandPath + "[0]", () => x with { BandLower = lower });
            x = Set(bandPath + "[1]", () => x with { BandUpper = upper });
        }

        if (o.Get("comparisonEpochs", out var epochs, out var epochsPath))
        {
            var values = JsonObjectReader.Array(epochs, epochsPath).Select((e, i) => JsonObjectReader.Int(e, Invariant($"{epochsPath}[{i}]"))).ToArray();
            x = Set(epochsPath, () => x with { ComparisonEpochs = values });
        }

        if (o.Get("comparisonSteps", out var steps, out var stepsPath))
        {
            var values = JsonObjectReader.Array(steps, stepsPath).Select((e, i) => (long)JsonObjectReader.Int(e, Invariant($"{stepsPath}[{i}]"))).ToArray();
            x = Set(stepsPath, () => x with { ComparisonSteps = values });
        }

        x = o.Int("bootstrapResamples") is { } resamples ? Set(o.PathOf("bootstrapResamples"), () => x with { BootstrapResamples = resamples }) : x;
        if (o.Get("bootstrapSeed", out var seed, out var seedPath))
        {
            x = x with { BootstrapSeed = JsonObjectReader.UInt(seed, seedPath) };
        }

        x = o.Double("confidenceLevel") is { } level ? Set(o.PathOf("confidenceLevel"), () => x with { ConfidenceLevel = level }) : x;
        o.CheckUnknown();
        return x;
    }

    private static InitSpec ReadInit(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString() switch
            {
                "shared" => InitSpec.Shared,
                "independent" => InitSpec.Independent,
                var other => throw new SpecFormatException(path, $"'{other}' is not an init; use shared, independent or a list of numbers in parameter order."),
            };
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new SpecFormatException(path, $"expected \"shared\", \"independent\" or a list of numbers, got {JsonObjectReader.Describe(element)}.");
        }

        var values = JsonObjectReader.Array(element, path).Select((e, i) => JsonObjectReader.Double(e, Invariant($"{path}[{i}]"))).ToArray();
        return Set(path, () => InitSpec.Explicit(values));
    }

    private static Method ReadMethod(JsonElement element, string path)
    {
        var o = new JsonObjectReader(element, path);
        var name = NonBlankAt(o.String("name") ?? throw new SpecFormatException(o.PathOf("name"), "required: a name unique among the methods."), o.PathOf("name"));
        var sampler = new SamplerOptions();
        if (o.Get("sampler", out var s, out var sPath))
        {
            var so = new JsonObjectReader(s, sPath);
            if (so.String("kind") is { } kind)
            {
                var index = SamplerKinds.ToList().IndexOf(kind);
                if (index < 0)
                {
                    throw new SpecFormatException(so.PathOf("kind"), $"'{kind}' is not a sampler; use {string.Join(", ", SamplerKinds)}.");
                }

                sampler = sampler with { Kind = (SamplerKind)index };
            }

            if (so.Int("batchSize") is { } batchSize)
            {
                sampler = Set(so.PathOf("batchSize"), () => sampler with { BatchSize = batchSize });
            }

            if (so.Bool("dropLast") is { } dropLast)
            {
                sampler = sampler with { DropLast = dropLast };
            }

            so.CheckUnknown();
        }

        OptimizerOptions optimizer = new SgdOptions();
        if (o.Get("optimizer", out var opt, out var optPath))
        {
            optimizer = ReadOptimizer(opt, optPath);
        }

        LearningRateSchedule schedule = new ConstantLearningRate();
        if (o.Get("schedule", out var sch, out var schPath))
        {
            schedule = ReadSchedule(sch, schPath);
        }

        o.CheckUnknown();
        return new Method(name, sampler, optimizer, schedule);
    }

    /// <summary>Reads an optimizer object (kind and its options) at <paramref name="path"/>.</summary>
    internal static OptimizerOptions ReadOptimizer(JsonElement element, string path)
    {
        var o = new JsonObjectReader(element, path);
        var kind = o.String("kind") ?? "sgd";
        OptimizerOptions result;
        switch (kind)
        {
            case "sgd":
            {
                var x = new SgdOptions();
                x = o.Double("lr") is { } lr ? Set(o.PathOf("lr"), () => x with { LearningRate = lr }) : x;
                x = o.Double("momentum") is { } momentum ? Set(o.PathOf("momentum"), () => x with { Momentum = momentum }) : x;
                x = o.Double("dampening") is { } dampening ? x with { Dampening = dampening } : x;
                x = o.Bool("nesterov") is { } nesterov ? x with { Nesterov = nesterov } : x;
                x = o.Double("weightDecay") is { } wd ? Set(o.PathOf("weightDecay"), () => x with { WeightDecay = wd }) : x;
                x = o.Bool("maximize") is { } maximize ? x with { Maximize = maximize } : x;
                var checkedOptions = x;
                Set(o.PathOf("nesterov"), () => checkedOptions.Create(1));
                result = x;
                break;
            }

            case "adam":
            case "adamw":
            {
                // Adam and AdamW take the same settings with the same checks; only AdamW's default decay differs.
                var x = new AdamOptions();
                x = o.Double("lr") is { } lr ? Set(o.PathOf("lr"), () => x with { LearningRate = lr }) : x;
                if (ReadBetas(o) is { } betas)
                {
                    x = Set(o.PathOf("betas") + "[0]", () => x with { Beta1 = betas.Beta1 });
                    x = Set(o.PathOf("betas") + "[1]", () => x with { Beta2 = betas.Beta2 });
                }

                x = o.Double("eps") is { } eps ? Set(o.PathOf("eps"), () => x with { Epsilon = eps }) : x;
                var decay = o.Double("weightDecay");
                x = decay is { } wd ? Set(o.PathOf("weightDecay"), () => x with { WeightDecay = wd }) : x;
                x = o.Bool("amsgrad") is { } amsgrad ? x with { Amsgrad = amsgrad } : x;
                x = o.Bool("maximize") is { } maximize ? x with { Maximize = maximize } : x;
                result = kind == "adam"
                    ? x
                    : new AdamWOptions
                    {
                        LearningRate = x.LearningRate,
                        Beta1 = x.Beta1,
                        Beta2 = x.Beta2,
                        Epsilon = x.Epsilon,
                        WeightDecay = decay is null ? new AdamWOptions().WeightDecay : x.WeightDecay,
                        Amsgrad = x.Amsgrad,
                        Maximize = x.Maximize,
                    };
                break;
            }

            case "rmsprop":
            {
                var x = new RmspropOptions();
                x = o.Double("lr") is { } lr ? Set(o.PathOf("lr"), () => x with { LearningRate = lr }) : x;
                x = o.Double("alpha") is { } alpha ? Set(o.PathOf("alpha"), () => x with { Alpha = alpha }) : x;
                x = o.Double("eps") is { } eps ? Set(o.PathOf("eps"), () => x with { Epsilon = eps }) : x;
                x = o.Double("weightDecay") is { } wd ? Set(o.PathOf("weightDecay"), () => x with { WeightDecay = wd }) : x;
                x = o.Double("momentum") is { } momentum ? Set(o.PathOf("momentum"), () => x with { Momentum = momentum }) : x;
                x = o.Bool("centered") is { } centered ? x with { Centered = centered } : x;
                x = o.Bool("maximize") is { } maximize ? x with { Maximize = maximize } : x;
                result = x;
                break;
            }

            case "adagrad":
            {
                var x = new AdagradOptions();
                x = o.Double("lr") is { } lr ? Set(o.PathOf("lr"), () => x with { LearningRate = lr }) : x;
                x = o.Double("lrDecay") is { } decay ? Set(o.PathOf("lrDecay"), () => x with { LearningRateDecay = decay }) : x;
                x = o.Double("weightDecay") is { } wd ? Set(o.PathOf("weightDecay"), () => x with { WeightDecay = wd }) : x;
                x = o.Double("initialAccumulatorValue") is { } acc ? Set(o.PathOf("initialAccumulatorValue"), () => x with { InitialAccumulatorValue = acc }) : x;
                x = o.Double("eps") is { } eps ? Set(o.PathOf("eps"), () => x with { Epsilon = eps }) : x;
                x = o.Bool("maximize") is { } maximize ? x with { Maximize = maximize } : x;
                result = x;
                break;
            }

            default:
                throw new SpecFormatException(o.PathOf("kind"), $"'{kind}' is not an optimizer; use sgd, adam, adamw, rmsprop or adagrad.");
        }

        o.CheckUnknown();
        return result;
    }

    private static (double Beta1, double Beta2)? ReadBetas(JsonObjectReader o)
    {
        if (!o.Get("betas", out var element, out var path))
        {
            return null;
        }

        var values = JsonObjectReader.Array(element, path);
        if (values.Count != 2)
        {
            throw new SpecFormatException(path, Invariant($"expected two numbers [beta1, beta2], got {values.Count}."));
        }

        return (JsonObjectReader.Double(values[0], path + "[0]"), JsonObjectReader.Double(values[1], path + "[1]"));
    }

    private static LearningRateSchedule ReadSchedule(JsonElement element, string path)
    {
        var o = new JsonObjectReader(element, path);
        var kind = o.String("kind") ?? "constant";
        LearningRateSchedule result = kind switch
        {
            "constant" => new ConstantLearningRate(),
            "step" => Set(o.PathOf("stepSize"), () => new StepLR
            {
                StepSize = o.Int("stepSize") ?? throw new SpecFormatException(o.PathOf("stepSize"), "required: the epochs between decays."),
            }),
            "exponential" => Set(o.PathOf("gamma"), () => new ExponentialLR
            {
                Gamma = o.Double("gamma") ?? throw new SpecFormatException(o.PathOf("gamma"), "required: the factor applied every epoch."),
            }),
            "cosine" => Set(o.PathOf("tMax"), () => new CosineAnnealingLR
            {
                TMax = o.Int("tMax") ?? throw new SpecFormatException(o.PathOf("tMax"), "required: the half period in epochs."),
            }),
            _ => throw new SpecFormatException(o.PathOf("kind"), $"'{kind}' is not a schedule; use constant, step, exponential or cosine."),
        };
        if (result is StepLR step && o.Double("gamma") is { } gamma)
        {
            result = Set(o.PathOf("gamma"), () => step with { Gamma = gamma });
        }

        if (result is CosineAnnealingLR cosine && o.Double("etaMin") is { } etaMin)
        {
            result = Set(o.PathOf("etaMin"), () => cosine with { EtaMin = etaMin });
        }

        o.CheckUnknown();
        return result;
    }

    private static OutputSettings ReadOutput(JsonElement element, string path)
    {
        var o = new JsonObjectReader(element, path);
        var output = ExperimentFile.Seed.Output;
        if (o.String("figures") is { } figures)
        {
            output = output with { Figures = ParseFigures(figures, o.PathOf("figures")) };
        }

        if (o.Bool("report") is { } report)
        {
            output = output with { Report = report };
        }

        if (o.Get("plane", out var plane, out var planePath))
        {
            if (plane.ValueKind == JsonValueKind.Null)
            {
                output = output with { Plane = null };
            }
            else
            {
                var names = JsonObjectReader.Array(plane, planePath);
                if (names.Count != 2)
                {
                    throw new SpecFormatException(planePath, Invariant($"expected two parameter names [x, y], got {names.Count} values."));
                }

                var x = JsonObjectReader.String(names[0], planePath + "[0]");
                var y = JsonObjectReader.String(names[1], planePath + "[1]");
                if (x == y)
                {
                    throw new SpecFormatException(planePath, $"the plane needs two different parameters, got '{x}' twice.");
                }

                output = output with { Plane = (x, y) };
            }
        }

        if (o.String("xAxis") is { } xAxis)
        {
            output = Set(o.PathOf("xAxis"), () => output with { XAxis = xAxis });
        }

        o.CheckUnknown();
        return output;
    }

    private static string NonBlank(string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("must not be blank.")
        : NameCheck.Problem(value) is { } problem ? throw new ArgumentException(problem) : value;

    /// <summary>A name as written in a file: not blank, and without control characters, which no table or CSV file can hold on one line.</summary>
    internal static string NonBlankAt(string value, string path) =>
        string.IsNullOrWhiteSpace(value) ? throw new SpecFormatException(path, "must not be blank.")
        : NameCheck.Problem(value) is { } problem ? throw new SpecFormatException(path, problem) : value;

    /// <summary>Runs a setter whose checks throw <see cref="ArgumentException"/>, and reports its message at <paramref name="path"/>.</summary>
    private static T Set<T>(string path, Func<T> set)
    {
        try
        {
            return set();
        }
        catch (ArgumentException e)
        {
            throw new SpecFormatException(path, JsonText.CoreMessage(e), e);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
