using System.Globalization;
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
/// The file's shape is its DTOs (<see cref="ExperimentFileDto"/> and the records it holds), read and written by
/// <see cref="SpecJsonContext"/>; this class is the one mapping step between them and the domain records, and puts the
/// JSON path in front of every refusal of a domain record. Every field is optional and defaults to the seed experiment's
/// value. <see cref="Write(ExperimentFile, string)"/> writes every field, so a written file reads back to an equal spec
/// and runs the same experiment. Numbers are written in the shortest round-trip form, so no value changes on the way.
/// </remarks>
public static class ExperimentJson
{
    /// <summary>The sampler kinds as written in a file.</summary>
    internal static readonly Words<SamplerKind> SamplerWords = new(
        "is not a sampler; use full-batch, sequential, reshuffle, shuffle-once, with-replacement.",
        ("full-batch", SamplerKind.FullBatch),
        ("sequential", SamplerKind.Sequential),
        ("reshuffle", SamplerKind.Reshuffle),
        ("shuffle-once", SamplerKind.ShuffleOnce),
        ("with-replacement", SamplerKind.WithReplacement));

    private static readonly Words<RandomnessMode> RandomnessWords = new(
        "is not a randomness mode; use independent or notebook.", ("independent", RandomnessMode.Independent), ("notebook", RandomnessMode.Notebook));

    private static readonly Words<FigureFormats> FigureWords = new(
        "is not a figure choice; use none, png, svg or all.",
        ("none", FigureFormats.None),
        ("png", FigureFormats.Png),
        ("svg", FigureFormats.Svg),
        ("all", FigureFormats.All));

    private static readonly Words<XAxis> XAxisWords = new(
        "is not one of step, epoch, samples.", ("step", XAxis.Steps), ("epoch", XAxis.Epochs), ("samples", XAxis.Samples));

    private static readonly Words<InitSpec> InitWords = new(
        "is not an init; use shared, independent or a list of numbers in parameter order.", ("shared", InitSpec.Shared), ("independent", InitSpec.Independent));

    /// <summary>
    /// The domain properties whose refusal names a field the file writes elsewhere, and that field's path: one value of a
    /// pair the file writes as a list, or a sweep axis (a list in the spec, a singular word in the file).
    /// </summary>
    private static readonly Dictionary<string, string> FieldPaths = new(StringComparer.Ordinal)
    {
        ["Beta1"] = "betas[0]",
        ["Beta2"] = "betas[1]",
        ["BandLower"] = "band[0]",
        ["BandUpper"] = "band[1]",
        ["LearningRates"] = "lr",
        ["BatchSizes"] = "batchSize",
        ["Samplers"] = "sampler",
        ["Optimizers"] = "optimizer",
    };

    private static SpecJsonContext Context => SpecJsonContext.Default;

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
        using var document = JsonFormat.Parse(json);
        var dto = JsonFormat.Read(document.RootElement, "$", Context.ExperimentFileDto);
        return new ExperimentFile(ToSpec(dto, baseDirectory), ToOutput(dto.Output));
    }

    /// <summary>The file as JSON text, every field written; given data is written as a reference to <paramref name="dataPath"/>.</summary>
    public static string Write(ExperimentFile file, string dataPath = "data.csv") =>
        JsonFormat.Write(ToDto(file, dataPath), Context.ExperimentFileDto);

    /// <summary>Writes the file as UTF-8 JSON to <paramref name="stream"/>; given data is written as a reference to <paramref name="dataPath"/>.</summary>
    public static void Write(ExperimentFile file, Stream stream, string dataPath = "data.csv") =>
        JsonFormat.Write(ToDto(file, dataPath), Context.ExperimentFileDto, stream);

    /// <summary>Parses "independent" or "notebook".</summary>
    public static RandomnessMode ParseRandomness(string text, string where) => RandomnessWords.Parse(text, where);

    /// <summary>Parses "none", "png", "svg" or "all".</summary>
    public static FigureFormats ParseFigures(string text, string where) => FigureWords.Parse(text, where);

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

    /// <summary>The file's fields as DTOs: every field set, given data as a reference to <paramref name="dataPath"/>.</summary>
    internal static ExperimentFileDto ToDto(ExperimentFile file, string dataPath)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(dataPath);
        var spec = file.Spec;
        return new ExperimentFileDto
        {
            Name = spec.Name,
            Seed = spec.Seed,
            Rng = RandomnessWords[spec.Randomness],
            Data = ToDto(spec.Data, dataPath),
            Model = spec.Model.IsLinear ? null : spec.Model.ToString(),
            Degree = spec.Model.IsLinear || spec.Degree != ExperimentFile.Seed.Spec.Degree ? spec.Degree : null,
            Epochs = spec.Training.Epochs,
            RecordEvery = spec.Training.RecordEvery,
            DivergenceFactor = spec.Training.DivergenceFactor,
            KeepBatchesOfEpoch = JsonFormat.Element(spec.Training.KeepBatchesOfEpoch, Context.NullableInt32),
            Init = spec.Init.Kind == InitKind.Explicit
                ? JsonFormat.Element([.. spec.Init.Values], Context.DoubleArray)
                : JsonFormat.Element(InitWords[spec.Init], Context.String),
            Replicates = spec.Replicates,
            Statistics = ToDto(spec.Statistics),
            Methods = [.. spec.Methods.Select(ToDto)],
            Output = ToDto(file.Output),
        };
    }

    /// <summary>An optimizer's kind and options; without the learning rate when <paramref name="withLearningRate"/> is false.</summary>
    internal static JsonElement ToDto(OptimizerOptions optimizer, bool withLearningRate = true)
    {
        double? lr = withLearningRate ? optimizer.LearningRate : null;
        return optimizer switch
        {
            SgdOptions o => JsonFormat.Element(
                new SgdDto { Kind = "sgd", Lr = lr, Momentum = o.Momentum, Dampening = o.Dampening, Nesterov = o.Nesterov, WeightDecay = o.WeightDecay, Maximize = o.Maximize },
                Context.SgdDto),
            AdamOptions o => JsonFormat.Element(
                new AdamDto { Kind = "adam", Lr = lr, Betas = [o.Beta1, o.Beta2], Eps = o.Epsilon, WeightDecay = o.WeightDecay, Amsgrad = o.Amsgrad, Maximize = o.Maximize },
                Context.AdamDto),
            AdamWOptions o => JsonFormat.Element(
                new AdamDto { Kind = "adamw", Lr = lr, Betas = [o.Beta1, o.Beta2], Eps = o.Epsilon, WeightDecay = o.WeightDecay, Amsgrad = o.Amsgrad, Maximize = o.Maximize },
                Context.AdamDto),
            RmspropOptions o => JsonFormat.Element(
                new RmspropDto { Kind = "rmsprop", Lr = lr, Alpha = o.Alpha, Eps = o.Epsilon, WeightDecay = o.WeightDecay, Momentum = o.Momentum, Centered = o.Centered, Maximize = o.Maximize },
                Context.RmspropDto),
            AdagradOptions o => JsonFormat.Element(
                new AdagradDto { Kind = "adagrad", Lr = lr, LrDecay = o.LearningRateDecay, WeightDecay = o.WeightDecay, InitialAccumulatorValue = o.InitialAccumulatorValue, Eps = o.Epsilon, Maximize = o.Maximize },
                Context.AdagradDto),
            _ => throw new ArgumentException($"methods: the optimizer {optimizer.GetType().Name} cannot be written to an experiment file.", nameof(optimizer)),
        };
    }

    /// <summary>The domain spec of a read file (its output settings aside).</summary>
    internal static ExperimentSpec ToSpec(ExperimentFileDto dto, string? baseDirectory)
    {
        var spec = ExperimentFile.Seed.Spec;
        var training = spec.Training;
        spec = dto.Name is { } name ? spec with { Name = NonBlankAt(name, "name") } : spec;
        spec = dto.Seed is { } seed ? spec with { Seed = seed } : spec;
        spec = dto.Rng is { } rng ? spec with { Randomness = ParseRandomness(rng, "rng") } : spec;
        spec = Present(dto.Data) ? spec with { Data = ToData(dto.Data, "data", baseDirectory) } : spec;
        spec = dto.Model is { } model ? spec with { Model = ParseModel(model, "model") } : spec;
        spec = dto.Degree is { } degree ? Build("$", () => spec with { Degree = degree }) : spec;
        var keep = !Present(dto.KeepBatchesOfEpoch) ? training.KeepBatchesOfEpoch
            : dto.KeepBatchesOfEpoch.ValueKind == JsonValueKind.Null ? null : JsonFormat.Read(dto.KeepBatchesOfEpoch, "keepBatchesOfEpoch", Context.Int32);
        training = Build("$", () => training with
        {
            Epochs = dto.Epochs ?? training.Epochs, RecordEvery = dto.RecordEvery ?? training.RecordEvery, DivergenceFactor = dto.DivergenceFactor ?? training.DivergenceFactor, KeepBatchesOfEpoch = keep,
        });
        spec = spec with { Training = training };
        spec = Present(dto.Init) ? spec with { Init = ToInit(dto.Init) } : spec;
        spec = dto.Replicates is { } replicates ? Build("$", () => spec with { Replicates = replicates }) : spec;
        spec = dto.Statistics is { } statistics ? spec with { Statistics = ToStatistics(statistics, "statistics") } : spec;
        var methods = dto.Methods?.Select((m, i) => ToMethod(m, JsonFormat.PathOf("methods", i))).ToList();
        return methods is null ? spec : Build("$", () => spec with { Methods = methods });
    }

    /// <summary>The output settings of a read file (the seed experiment's when absent).</summary>
    internal static OutputSettings ToOutput(OutputDto? dto)
    {
        var output = ExperimentFile.Seed.Output;
        if (dto is null)
        {
            return output;
        }

        output = dto.Figures is { } figures ? output with { Figures = ParseFigures(figures, "output.figures") } : output;
        output = dto.Report is { } report ? output with { Report = report } : output;
        output = Present(dto.Plane) ? output with { Plane = ToPlane(dto.Plane, "output.plane") } : output;
        return dto.XAxis is { } xAxis ? output with { XAxis = XAxisWords.Parse(xAxis, "output.xAxis") } : output;
    }

    /// <summary>Reads an optimizer object (kind and its options) at <paramref name="path"/>.</summary>
    internal static OptimizerOptions ToOptimizer(JsonElement element, string path)
    {
        var kind = KindOf(element, path) ?? "sgd";
        var at = (string name) => JsonFormat.PathOf(path, name);
        switch (kind)
        {
            case "sgd":
            {
                var d = JsonFormat.Read(element, path, Context.SgdDto);
                var o = new SgdOptions();
                var x = Build(path, () => new SgdOptions
                {
                    LearningRate = d.Lr ?? o.LearningRate, Momentum = d.Momentum ?? o.Momentum, Dampening = d.Dampening ?? o.Dampening, Nesterov = d.Nesterov ?? o.Nesterov, WeightDecay = d.WeightDecay ?? o.WeightDecay, Maximize = d.Maximize ?? o.Maximize,
                });
                Build(path, () => x.Create(1));
                return x;
            }

            case "adam" or "adamw":
            {
                // Adam and AdamW take the same settings with the same checks and messages; only AdamW's default decay differs.
                var d = JsonFormat.Read(element, path, Context.AdamDto);
                var o = new AdamOptions();
                var (beta1, beta2) = d.Betas is { } betas ? Pair(betas, at("betas"), n => $"expected two numbers [beta1, beta2], got {n}.") : (o.Beta1, o.Beta2);
                var decay = d.WeightDecay ?? (kind == "adam" ? o.WeightDecay : new AdamWOptions().WeightDecay);
                var x = Build(path, () => new AdamOptions
                {
                    LearningRate = d.Lr ?? o.LearningRate, Beta1 = beta1, Beta2 = beta2, Epsilon = d.Eps ?? o.Epsilon, WeightDecay = decay, Amsgrad = d.Amsgrad ?? o.Amsgrad, Maximize = d.Maximize ?? o.Maximize,
                });
                return kind == "adam" ? x : new AdamWOptions
                {
                    LearningRate = x.LearningRate,
                    Beta1 = x.Beta1,
                    Beta2 = x.Beta2,
                    Epsilon = x.Epsilon,
                    WeightDecay = x.WeightDecay,
                    Amsgrad = x.Amsgrad,
                    Maximize = x.Maximize,
                };
            }

            case "rmsprop":
            {
                var d = JsonFormat.Read(element, path, Context.RmspropDto);
                var o = new RmspropOptions();
                return Build(path, () => new RmspropOptions
                {
                    LearningRate = d.Lr ?? o.LearningRate, Alpha = d.Alpha ?? o.Alpha, Epsilon = d.Eps ?? o.Epsilon, WeightDecay = d.WeightDecay ?? o.WeightDecay, Momentum = d.Momentum ?? o.Momentum, Centered = d.Centered ?? o.Centered, Maximize = d.Maximize ?? o.Maximize,
                });
            }

            case "adagrad":
            {
                var d = JsonFormat.Read(element, path, Context.AdagradDto);
                var o = new AdagradOptions();
                return Build(path, () => new AdagradOptions
                {
                    LearningRate = d.Lr ?? o.LearningRate, LearningRateDecay = d.LrDecay ?? o.LearningRateDecay, WeightDecay = d.WeightDecay ?? o.WeightDecay, InitialAccumulatorValue = d.InitialAccumulatorValue ?? o.InitialAccumulatorValue, Epsilon = d.Eps ?? o.Epsilon, Maximize = d.Maximize ?? o.Maximize,
                });
            }

            default:
                throw new SpecFormatException(at("kind"), $"'{kind}' is not an optimizer; use sgd, adam, adamw, rmsprop or adagrad.");
        }
    }

    /// <summary>A name as written in a file: not blank, and without control characters, which no table or CSV file can hold on one line.</summary>
    internal static string NonBlankAt(string value, string path) =>
        string.IsNullOrWhiteSpace(value) ? throw new SpecFormatException(path, "must not be blank.")
        : NameCheck.Problem(value) is { } problem ? throw new SpecFormatException(path, problem) : value;

    /// <summary>
    /// Builds a domain record from a DTO's fields and reports its refusal at the field it names (<see cref="SettingError.Field"/>)
    /// inside the object at <paramref name="path"/> (see <see cref="FieldPaths"/>), or at <paramref name="path"/> when it names none.
    /// </summary>
    internal static T Build<T>(string path, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            var error = SettingError.Of(e);
            var field = e.ParamName is { } property && FieldPaths.TryGetValue(property, out var written) ? written : error?.Field;
            throw new SpecFormatException(field is null ? path : JsonFormat.PathOf(path, field), SettingError.MessageOf(e), e);
        }
    }

    /// <summary>Whether a field that holds one of several shapes was given (null counts: it is a shape).</summary>
    internal static bool Present(JsonElement element) => element.ValueKind != JsonValueKind.Undefined;

    /// <summary>The kind of the object at <paramref name="path"/>, which decides how its other fields are read; null when absent.</summary>
    internal static string? KindOf(JsonElement element, string path) => JsonFormat.Read(element, path, Context.KindFieldDto).Kind;

    private static JsonElement ToDto(DataSpec data, string dataPath) => data switch
    {
        SeedData { Generator: var g } => JsonFormat.Element(
            new SeedDataDto { Kind = "seed", Count = g.Count, XLow = g.XLow, XHigh = g.XHigh, AMean = g.AMean, ASd = g.ASd, BMean = g.BMean, BSd = g.BSd, CMean = g.CMean, CSd = g.CSd },
            Context.SeedDataDto),
        PolynomialData { Generator: var g } => JsonFormat.Element(
            new PolynomialDataDto { Kind = "polynomial", Count = g.Count, XLow = g.XLow, XHigh = g.XHigh, Coefficients = [.. g.Coefficients], NoiseSd = g.NoiseSd },
            Context.PolynomialDataDto),
        ClassificationData { Generator: var g } => JsonFormat.Element(
            new ClassificationDataDto
            {
                Kind = g.Shape.ToString().ToLowerInvariant(),
                Count = g.Count,
                Noise = ClassificationDataGenerator.Uses(g.Shape, "noise") ? g.Noise : null,
                Factor = ClassificationDataGenerator.Uses(g.Shape, "factor") ? g.Factor : null,
                Centers = ClassificationDataGenerator.Uses(g.Shape, "centers") ? g.Centers : null,
                ClusterStd = ClassificationDataGenerator.Uses(g.Shape, "clusterStd") ? g.ClusterStd : null,
            },
            Context.ClassificationDataDto),
        GivenData { Dataset: var d } => JsonFormat.Element(
            new CsvDataDto
            {
                Kind = "csv",
                Path = dataPath,
                X = JsonFormat.Element([.. d.InputNames], Context.StringArray),
                Y = d.ClassNames is null ? d.OutputName : null,
                Label = d.ClassNames is null ? null : d.OutputName,
            },
            Context.CsvDataDto),
        _ => throw new ArgumentException($"data: a {data.GetType().Name} cannot be written to an experiment file.", nameof(data)),
    };

    private static StatisticsDto ToDto(StatisticsOptions s) => new()
    {
        RelativeTolerance = s.RelativeTolerance,
        Band = [s.BandLower, s.BandUpper],
        ComparisonEpochs = [.. s.ComparisonEpochs],
        ComparisonSteps = [.. s.ComparisonSteps],
        BootstrapResamples = s.BootstrapResamples,
        BootstrapSeed = s.BootstrapSeed,
        ConfidenceLevel = s.ConfidenceLevel,
    };

    private static MethodDto ToDto(Method method) => new()
    {
        Name = method.Name,
        Sampler = new SamplerDto { Kind = SamplerWords[method.Sampler.Kind], BatchSize = method.Sampler.BatchSize, DropLast = method.Sampler.DropLast },
        Optimizer = ToDto(method.Optimizer),
        Schedule = method.Schedule switch
        {
            ConstantLearningRate => JsonFormat.Element(new KindDto { Kind = "constant" }, Context.KindDto),
            StepLR s => JsonFormat.Element(new StepScheduleDto { Kind = "step", StepSize = s.StepSize, Gamma = s.Gamma }, Context.StepScheduleDto),
            ExponentialLR s => JsonFormat.Element(new ExponentialScheduleDto { Kind = "exponential", Gamma = s.Gamma }, Context.ExponentialScheduleDto),
            CosineAnnealingLR s => JsonFormat.Element(new CosineScheduleDto { Kind = "cosine", TMax = s.TMax, EtaMin = s.EtaMin }, Context.CosineScheduleDto),
            _ => throw new ArgumentException($"methods: the schedule {method.Schedule.GetType().Name} cannot be written to an experiment file.", nameof(method)),
        },
    };

    private static OutputDto ToDto(OutputSettings output) => new()
    {
        Figures = FigureWords[output.Figures],
        Report = output.Report,
        Plane = JsonFormat.Element(output.Plane is { } plane ? [plane.X, plane.Y] : null, Context.StringArray),
        XAxis = XAxisWords[output.XAxis],
    };

    private static DataSpec ToData(JsonElement element, string path, string? baseDirectory)
    {
        var at = (string name) => JsonFormat.PathOf(path, name);
        var kind = KindOf(element, path) ?? throw new SpecFormatException(at("kind"), "required: seed, polynomial, csv, moons, circles, blobs or xor.");
        switch (kind)
        {
            case "seed":
            {
                var d = JsonFormat.Read(element, path, Context.SeedDataDto);
                var o = new SeedDataGenerator();
                var g = Build(path, () => new SeedDataGenerator
                {
                    Count = d.Count ?? o.Count, XLow = d.XLow ?? o.XLow, XHigh = d.XHigh ?? o.XHigh, AMean = d.AMean ?? o.AMean, ASd = d.ASd ?? o.ASd, BMean = d.BMean ?? o.BMean, BSd = d.BSd ?? o.BSd, CMean = d.CMean ?? o.CMean, CSd = d.CSd ?? o.CSd,
                });
                CheckRange(g.XLow, g.XHigh, at("xHigh"));
                return new SeedData(g);
            }

            case "polynomial":
            {
                var d = JsonFormat.Read(element, path, Context.PolynomialDataDto);
                var o = new PolynomialDataGenerator();
                var g = Build(path, () => new PolynomialDataGenerator
                {
                    Count = d.Count ?? o.Count, XLow = d.XLow ?? o.XLow, XHigh = d.XHigh ?? o.XHigh, Coefficients = d.Coefficients ?? o.Coefficients, NoiseSd = d.NoiseSd ?? o.NoiseSd,
                });
                CheckRange(g.XLow, g.XHigh, at("xHigh"));
                return new PolynomialData(g);
            }

            case "csv":
                return ToGivenData(JsonFormat.Read(element, path, Context.CsvDataDto), path, baseDirectory);

            case "moons" or "circles" or "blobs" or "xor":
            {
                var d = JsonFormat.Read(element, path, Context.ClassificationDataDto);
                var shape = Enum.Parse<ClassificationShape>(kind, ignoreCase: true);
                (string Field, bool Given)[] options = [("noise", d.Noise is not null), ("factor", d.Factor is not null), ("centers", d.Centers is not null), ("clusterStd", d.ClusterStd is not null)];
                if (options.FirstOrDefault(x => x.Given && !ClassificationDataGenerator.Uses(shape, x.Field)).Field is { } unused)
                {
                    throw new SpecFormatException(at(unused), $"applies to {ClassificationDataGenerator.ShapesUsing(unused, f => f)}; the kind is {kind}.");
                }

                var o = new ClassificationDataGenerator();
                var g = Build(path, () => new ClassificationDataGenerator
                {
                    Shape = shape, Count = d.Count ?? o.Count, Noise = d.Noise ?? o.Noise, Factor = d.Factor ?? o.Factor, Centers = d.Centers ?? o.Centers, ClusterStd = d.ClusterStd ?? o.ClusterStd,
                });
                return new ClassificationData(g);
            }

            default:
                throw new SpecFormatException(at("kind"), $"'{kind}' is not a data kind; use seed, polynomial, csv, moons, circles, blobs or xor.");
        }
    }

    /// <summary>The two values of a pair such as [beta1, beta2]; another count is refused with <paramref name="refusal"/>'s words.</summary>
    private static (T First, T Second) Pair<T>(T[] values, string path, Func<int, FormattableString> refusal) =>
        values.Length == 2 ? (values[0], values[1]) : throw new SpecFormatException(path, Invariant(refusal(values.Length)));

    private static void CheckRange(double low, double high, string path)
    {
        if (!(low < high))
        {
            throw new SpecFormatException(path, Invariant($"must be greater than xLow ({low}), got {high}."));
        }
    }

    private static GivenData ToGivenData(CsvDataDto d, string path, string? baseDirectory)
    {
        var at = (string name) => JsonFormat.PathOf(path, name);
        if (d.Path is not null && d.Text is not null)
        {
            throw new SpecFormatException(at("text"), "give the CSV either as a file (path) or inline (text), not both.");
        }

        if (d.Path is null && d.Text is null)
        {
            throw new SpecFormatException(at("path"), "required: the CSV file, relative to this experiment file (or the CSV itself as text).");
        }

        string[] x;
        var xPath = at("x");
        if (!Present(d.X))
        {
            x = ["x"];
        }
        else if (d.X.ValueKind == JsonValueKind.String)
        {
            x = [NonBlankAt(JsonFormat.Read(d.X, xPath, Context.String), xPath)];
        }
        else
        {
            x = [.. JsonFormat.Read(d.X, xPath, Context.StringArray).Select((name, i) => NonBlankAt(name, JsonFormat.PathOf(xPath, i)))];
            if (x.Length == 0)
            {
                throw new SpecFormatException(xPath, "at least one x column is needed.");
            }
        }

        if (d.Y is not null && d.Label is not null)
        {
            throw new SpecFormatException(at("label"), "the class column replaces y; give y (a numeric output) or label (classes), not both.");
        }

        var labelled = d.Label is not null;
        var y = labelled ? NonBlankAt(d.Label!, at("label")) : d.Y is { } given ? NonBlankAt(given, at("y")) : "y";
        var columns = Build(path, () => labelled ? CsvColumns.Labelled(x, y) : CsvColumns.Numeric(x, y));

        if (d.Text is { } text)
        {
            // Errors name the field, then the line: "data.text: line 3, column 'y': …".
            using var reader = new StringReader(text);
            return new GivenData(CsvDatasetReader.Read(reader, at("text"), columns));
        }

        var file = d.Path!;
        if (baseDirectory is null)
        {
            throw new SpecFormatException(at("path"), "files cannot be read here; give the CSV itself as text.");
        }

        if (file.Length == 0 || file.Contains('\0', StringComparison.Ordinal))
        {
            throw new SpecFormatException(at("path"), file.Length == 0 ? "the path is empty." : "the path contains a NUL character.");
        }

        var full = Path.GetFullPath(Path.Combine(baseDirectory, file));
        if (!File.Exists(full))
        {
            throw new SpecFormatException(at("path"), $"no such file: {full}");
        }

        try
        {
            return new GivenData(CsvDatasetReader.Read(full, columns));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecFormatException(at("path"), $"cannot read {full}: {e.Message}", e);
        }
    }

    private static StatisticsOptions ToStatistics(StatisticsDto d, string path)
    {
        var at = (string name) => JsonFormat.PathOf(path, name);
        if (d.Tolerance is not null)
        {
            // An absolute tolerance meant nothing on another data scale; saying so beats reading it as relative.
            throw new SpecFormatException(at("tolerance"), "the tolerance is now relative to L*: use relativeTolerance (default 0.01, i.e. L − L* below 1% of L*).");
        }

        var o = new StatisticsOptions();
        var (lower, upper) = d.Band is { } band ? Pair(band, at("band"), n => $"expected two quantiles [lower, upper], got {n} values.") : (o.BandLower, o.BandUpper);
        return Build(path, () => new StatisticsOptions
        {
            RelativeTolerance = d.RelativeTolerance ?? o.RelativeTolerance, BandLower = lower, BandUpper = upper, ComparisonEpochs = d.ComparisonEpochs ?? o.ComparisonEpochs, ComparisonSteps = d.ComparisonSteps ?? o.ComparisonSteps,
            BootstrapResamples = d.BootstrapResamples ?? o.BootstrapResamples, BootstrapSeed = d.BootstrapSeed ?? o.BootstrapSeed, ConfidenceLevel = d.ConfidenceLevel ?? o.ConfidenceLevel,
        });
    }

    private static InitSpec ToInit(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => InitWords.Parse(JsonFormat.Read(element, "init", Context.String), "init"),
        JsonValueKind.Array => Build("$", () => InitSpec.Explicit(JsonFormat.Read(element, "init", Context.DoubleArray))),
        _ => throw new SpecFormatException("init", $"expected \"shared\", \"independent\" or a list of numbers, got {JsonFormat.Describe(element)}."),
    };

    private static Method ToMethod(MethodDto d, string path)
    {
        var at = (string name) => JsonFormat.PathOf(path, name);
        var name = NonBlankAt(d.Name ?? throw new SpecFormatException(at("name"), "required: a name unique among the methods."), at("name"));
        var o = new SamplerOptions();
        var s = d.Sampler ?? new SamplerDto();
        var kind = s.Kind is { } word ? SamplerWords.Parse(word, JsonFormat.PathOf(at("sampler"), "kind")) : o.Kind;
        var sampler = Build(at("sampler"), () => new SamplerOptions
        {
            Kind = kind, BatchSize = s.BatchSize ?? o.BatchSize, DropLast = s.DropLast ?? o.DropLast,
        });

        var optimizer = Present(d.Optimizer) ? ToOptimizer(d.Optimizer, at("optimizer")) : new SgdOptions();
        var schedule = Present(d.Schedule) ? ToSchedule(d.Schedule, at("schedule")) : new ConstantLearningRate();
        return new Method(name, sampler, optimizer, schedule);
    }

    private static LearningRateSchedule ToSchedule(JsonElement element, string path)
    {
        var at = (string name) => JsonFormat.PathOf(path, name);
        var kind = KindOf(element, path) ?? "constant";
        switch (kind)
        {
            case "constant":
                JsonFormat.Read(element, path, Context.KindDto);
                return new ConstantLearningRate();
            case "step":
            {
                var d = JsonFormat.Read(element, path, Context.StepScheduleDto);
                var stepSize = d.StepSize ?? throw new SpecFormatException(at("stepSize"), "required: the epochs between decays.");
                var step = Build(path, () => new StepLR { StepSize = stepSize });
                return d.Gamma is { } gamma ? Build(path, () => step with { Gamma = gamma }) : step;
            }

            case "exponential":
            {
                var d = JsonFormat.Read(element, path, Context.ExponentialScheduleDto);
                var gamma = d.Gamma ?? throw new SpecFormatException(at("gamma"), "required: the factor applied every epoch.");
                return Build(path, () => new ExponentialLR { Gamma = gamma });
            }

            case "cosine":
            {
                var d = JsonFormat.Read(element, path, Context.CosineScheduleDto);
                var tMax = d.TMax ?? throw new SpecFormatException(at("tMax"), "required: the half period in epochs.");
                var cosine = Build(path, () => new CosineAnnealingLR { TMax = tMax });
                return d.EtaMin is { } etaMin ? Build(path, () => cosine with { EtaMin = etaMin }) : cosine;
            }

            default:
                throw new SpecFormatException(at("kind"), $"'{kind}' is not a schedule; use constant, step, exponential or cosine.");
        }
    }

    private static (string X, string Y)? ToPlane(JsonElement plane, string path)
    {
        if (plane.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (plane.ValueKind == JsonValueKind.Array && plane.GetArrayLength() != 2)
        {
            throw new SpecFormatException(path, $"expected two parameter names [x, y], got {plane.GetArrayLength()} values.");
        }

        var names = JsonFormat.Read(plane, path, Context.StringArray);
        var (x, y) = (names[0], names[1]);
        return x == y ? throw new SpecFormatException(path, $"the plane needs two different parameters, got '{x}' twice.") : (x, y);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
