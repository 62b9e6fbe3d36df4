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

/// <summary>The sweep's axes; each a value or a list of values.</summary>
internal sealed record SweepAxesDto
{
    public JsonElement Lr { get; init; }

    public JsonElement BatchSize { get; init; }

    public JsonElement Sampler { get; init; }

    /// <summary>Kinds ("sgd") or optimizer objects with a name and no lr.</summary>
    public JsonElement Optimizer { get; init; }
}

/// <summary>The statistics settings.</summary>
internal sealed record StatisticsDto
{
    public double? RelativeTolerance { get; init; }

    public double[]? Band { get; init; }

    public int[]? ComparisonEpochs { get; init; }

    public long[]? ComparisonSteps { get; init; }

    public int? BootstrapResamples { get; init; }

    public uint? BootstrapSeed { get; init; }

    public double? ConfidenceLevel { get; init; }

    /// <summary>The old absolute tolerance: read only to be refused with a pointer to its replacement.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Tolerance { get; init; }
}

/// <summary>A method.</summary>
internal sealed record MethodDto
{
    public string? Name { get; init; }

    public SamplerDto? Sampler { get; init; }

    /// <summary>One of the optimizer DTOs, chosen by its kind (sgd when absent).</summary>
    public JsonElement Optimizer { get; init; }

    /// <summary>One of the schedule DTOs, chosen by its kind (constant when absent).</summary>
    public JsonElement Schedule { get; init; }
}

/// <summary>A sampler.</summary>
internal sealed record SamplerDto
{
    public string? Kind { get; init; }

    public int? BatchSize { get; init; }

    public bool? DropLast { get; init; }
}

/// <summary>What to write besides the data.</summary>
internal sealed record OutputDto
{
    public string? Figures { get; init; }

    public bool? Report { get; init; }

    /// <summary>Two parameter names, or null.</summary>
    public JsonElement Plane { get; init; }

    public string? XAxis { get; init; }
}

/// <summary>The seed notebook's data generator.</summary>
internal sealed record SeedDataDto
{
    public string? Kind { get; init; }

    public int? Count { get; init; }

    public double? XLow { get; init; }

    public double? XHigh { get; init; }

    public double? AMean { get; init; }

    public double? ASd { get; init; }

    public double? BMean { get; init; }

    public double? BSd { get; init; }

    public double? CMean { get; init; }

    public double? CSd { get; init; }
}

/// <summary>A polynomial with Gaussian noise.</summary>
internal sealed record PolynomialDataDto
{
    public string? Kind { get; init; }

    public int? Count { get; init; }

    public double? XLow { get; init; }

    public double? XHigh { get; init; }

    public double[]? Coefficients { get; init; }

    public double? NoiseSd { get; init; }
}

/// <summary>Generated classification data: moons, circles, blobs or xor.</summary>
internal sealed record ClassificationDataDto
{
    public string? Kind { get; init; }

    public int? Count { get; init; }

    public double? Noise { get; init; }

    public double? Factor { get; init; }

    public int? Centers { get; init; }

    public double? ClusterStd { get; init; }
}

/// <summary>CSV data, from a file or inline.</summary>
internal sealed record CsvDataDto
{
    public string? Kind { get; init; }

    public string? Path { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    /// <summary>A column name or a list of them.</summary>
    public JsonElement X { get; init; }

    public string? Y { get; init; }
}

/// <summary>torch.optim.SGD's settings.</summary>
internal sealed record SgdDto
{
    public string? Kind { get; init; }

    /// <summary>Absent in a sweep, whose lr axis gives it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Lr { get; init; }

    public double? Momentum { get; init; }

    public double? Dampening { get; init; }

    public bool? Nesterov { get; init; }

    public double? WeightDecay { get; init; }

    public bool? Maximize { get; init; }
}

/// <summary>torch.optim.Adam's and AdamW's settings.</summary>
internal sealed record AdamDto
{
    public string? Kind { get; init; }

    /// <summary>Absent in a sweep, whose lr axis gives it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Lr { get; init; }

    public double[]? Betas { get; init; }

    public double? Eps { get; init; }

    public double? WeightDecay { get; init; }

    public bool? Amsgrad { get; init; }

    public bool? Maximize { get; init; }
}

/// <summary>torch.optim.RMSprop's settings.</summary>
internal sealed record RmspropDto
{
    public string? Kind { get; init; }

    /// <summary>Absent in a sweep, whose lr axis gives it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Lr { get; init; }

    public double? Alpha { get; init; }

    public double? Eps { get; init; }

    public double? WeightDecay { get; init; }

    public double? Momentum { get; init; }

    public bool? Centered { get; init; }

    public bool? Maximize { get; init; }
}

/// <summary>torch.optim.Adagrad's settings.</summary>
internal sealed record AdagradDto
{
    public string? Kind { get; init; }

    /// <summary>Absent in a sweep, whose lr axis gives it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Lr { get; init; }

    public double? LrDecay { get; init; }

    public double? WeightDecay { get; init; }

    public double? InitialAccumulatorValue { get; init; }

    public double? Eps { get; init; }

    public bool? Maximize { get; init; }
}

/// <summary>An object with only a kind: a constant schedule, or an optimizer named by its kind alone.</summary>
internal sealed record KindDto
{
    public string? Kind { get; init; }
}

/// <summary>torch's StepLR.</summary>
internal sealed record StepScheduleDto
{
    public string? Kind { get; init; }

    public int? StepSize { get; init; }

    public double? Gamma { get; init; }
}

/// <summary>torch's ExponentialLR.</summary>
internal sealed record ExponentialScheduleDto
{
    public string? Kind { get; init; }

    public double? Gamma { get; init; }
}

/// <summary>torch's CosineAnnealingLR.</summary>
internal sealed record CosineScheduleDto
{
    public string? Kind { get; init; }

    public int? TMax { get; init; }

    public double? EtaMin { get; init; }
}
