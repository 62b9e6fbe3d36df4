using System.Text.Json;
using System.Text.Json.Serialization;

namespace DescentLab.Io;

// The experiment and sweep files as they are written: one record per JSON object, fields in the order written.
// A null field was absent (a JSON null is refused, see JsonFormat); a JsonElement field holds one of several shapes
// (a kind-dependent object, "shared" or a list, a value or a list) that the mapping step reads.

/// <summary>An experiment file.</summary>
internal record ExperimentFileDto
{
    public string? Name { get; init; }

    public uint? Seed { get; init; }

    public string? Rng { get; init; }

    /// <summary>One of <see cref="SeedDataDto"/>, <see cref="PolynomialDataDto"/>, <see cref="CsvDataDto"/>, <see cref="ClassificationDataDto"/>, chosen by its kind.</summary>
    public JsonElement Data { get; init; }

    /// <summary>linear (absent), logistic, softmax or mlp:WIDTHS[:activation].</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; init; }

    /// <summary>The linear model's polynomial degree; other models do not use it, and it is written for them only when not the default.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Degree { get; init; }

    public int? Epochs { get; init; }

    public int? RecordEvery { get; init; }

    public double? DivergenceFactor { get; init; }

    /// <summary>An integer, or null to keep no batches.</summary>
    public JsonElement KeepBatchesOfEpoch { get; init; }

    /// <summary>"shared", "independent" or a list of numbers.</summary>
    public JsonElement Init { get; init; }

    public int? Replicates { get; init; }

    public StatisticsDto? Statistics { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MethodDto[]? Methods { get; init; }

    public OutputDto? Output { get; init; }
}

/// <summary>A sweep file: an experiment file's fields without methods, and the sweep's axes.</summary>
internal sealed record SweepFileDto : ExperimentFileDto
{
    /// <summary>An empty file, for the serializer.</summary>
    public SweepFileDto()
    {
    }

    /// <summary>A sweep file with the fields of <paramref name="file"/>.</summary>
    public SweepFileDto(ExperimentFileDto file)
        : base(file)
    {
    }

    /// <summary>The axes, written after the experiment's fields (the serializer puts a derived record's fields first).</summary>
    [JsonPropertyOrder(1)]
    public SweepAxesDto? Sweep { get; init; }
}

/// <summary>The sweep's axes; each a value or a list of values (the optimizers: kinds, or objects with a name and no lr).</summary>
internal sealed record SweepAxesDto(JsonElement Lr = default, JsonElement BatchSize = default, JsonElement Sampler = default, JsonElement Optimizer = default);

/// <summary>The statistics settings; <c>tolerance</c>, the old absolute tolerance, is read only to be refused with a pointer to its replacement.</summary>
internal sealed record StatisticsDto(
    double? RelativeTolerance = null,
    double[]? Band = null,
    int[]? ComparisonEpochs = null,
    long[]? ComparisonSteps = null,
    int? BootstrapResamples = null,
    uint? BootstrapSeed = null,
    double? ConfidenceLevel = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Tolerance = null);

/// <summary>A method; its optimizer and schedule are objects whose fields depend on their kind (sgd and constant when absent).</summary>
internal sealed record MethodDto(string? Name = null, SamplerDto? Sampler = null, JsonElement Optimizer = default, JsonElement Schedule = default);

/// <summary>A sampler.</summary>
internal sealed record SamplerDto(string? Kind = null, int? BatchSize = null, bool? DropLast = null);

/// <summary>What to write besides the data; the plane is two parameter names or null.</summary>
internal sealed record OutputDto(string? Figures = null, bool? Report = null, JsonElement Plane = default, string? XAxis = null);

/// <summary>The seed notebook's data generator.</summary>
internal sealed record SeedDataDto(
    string? Kind = null, int? Count = null, double? XLow = null, double? XHigh = null, double? AMean = null, double? ASd = null, double? BMean = null, double? BSd = null, double? CMean = null, double? CSd = null);

/// <summary>A polynomial with Gaussian noise.</summary>
internal sealed record PolynomialDataDto(string? Kind = null, int? Count = null, double? XLow = null, double? XHigh = null, double[]? Coefficients = null, double? NoiseSd = null);

/// <summary>Generated classification data: moons, circles, blobs or xor; written with only the options its shape uses.</summary>
internal sealed record ClassificationDataDto(
    string? Kind = null,
    int? Count = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Noise = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Factor = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Centers = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ClusterStd = null);

/// <summary>CSV data, from a file or inline; x is a column name or a list of them; y a numeric output, or label a class column.</summary>
internal sealed record CsvDataDto(
    string? Kind = null,
    string? Path = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text = null,
    JsonElement X = default,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Y = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Label = null);

// The optimizers' settings, in torch.optim's words: what every optimizer takes in OptimizerDto, the rest in each kind's
// record. The serializer writes a derived record's fields first; the orders put kind and lr first and maximize last.

/// <summary>What every torch optimizer takes: its kind, lr (absent in a sweep, whose lr axis gives it) and maximize.</summary>
internal abstract record OptimizerDto
{
    [JsonPropertyOrder(-2)]
    public string? Kind { get; init; }

    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Lr { get; init; }

    [JsonPropertyOrder(1)]
    public bool? Maximize { get; init; }
}

/// <summary>torch.optim.SGD's other settings.</summary>
internal sealed record SgdDto(double? Momentum = null, double? Dampening = null, bool? Nesterov = null, double? WeightDecay = null) : OptimizerDto;

/// <summary>torch.optim.Adam's and AdamW's other settings.</summary>
internal sealed record AdamDto(double[]? Betas = null, double? Eps = null, double? WeightDecay = null, bool? Amsgrad = null) : OptimizerDto;

/// <summary>torch.optim.RMSprop's other settings.</summary>
internal sealed record RmspropDto(double? Alpha = null, double? Eps = null, double? WeightDecay = null, double? Momentum = null, bool? Centered = null) : OptimizerDto;

/// <summary>torch.optim.Adagrad's other settings.</summary>
internal sealed record AdagradDto(double? LrDecay = null, double? WeightDecay = null, double? InitialAccumulatorValue = null, double? Eps = null) : OptimizerDto;

/// <summary>An optimizer of a sweep's optimizer axis: its name, then an optimizer's fields (without lr), which the mapping step reads.</summary>
internal sealed record SweepOptimizerDto
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonExtensionData]
    // Settable, not init: the generated serializer fills extension data after construction.
    public OrderedDictionary<string, JsonElement>? Options { get; set; }
}

/// <summary>An object with only a kind: a constant schedule, or an optimizer named by its kind alone.</summary>
internal sealed record KindDto(string? Kind = null);

/// <summary>The kind of an object whose other fields depend on it, read first; the kind's own record reads the rest.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed record KindFieldDto(string? Kind = null);

/// <summary>torch's StepLR.</summary>
internal sealed record StepScheduleDto(string? Kind = null, int? StepSize = null, double? Gamma = null);

/// <summary>torch's ExponentialLR.</summary>
internal sealed record ExponentialScheduleDto(string? Kind = null, double? Gamma = null);

/// <summary>torch's CosineAnnealingLR.</summary>
internal sealed record CosineScheduleDto(string? Kind = null, int? TMax = null, double? EtaMin = null);
