using System.Text.Json.Serialization;

namespace DescentLab.Io;

// landscape.json as it is written: one record per JSON object, fields in the order written. A field marked
// WhenWritingNull belongs to some kinds of directions only (PCA's variance shares, a random draw's seed, a filter's
// normalisation) or to a path with points; other nulls are written as null.

/// <summary>A network landscape's plane: its centre, directions, grid and the projected paths.</summary>
internal sealed record LandscapeDto(
    string Name,
    string Model,
    int Parameters,
    int Samples,
    string Plane,
    LandscapeCentreDto Centre,
    LandscapeDirectionsDto Directions,
    LandscapeGridDto Grid,
    string Projection,
    IReadOnlyList<LandscapePathDto> Paths);

/// <summary>The centre θ₀: what it is, its method (null for θ*), and its loss.</summary>
internal sealed record LandscapeCentreDto(string Is, string? Method, double Loss);

/// <summary>The directions d₁ and d₂: how they were made, and their norms and cosine.</summary>
internal sealed record LandscapeDirectionsDto
{
    public required string Kind { get; init; }

    public required string Label1 { get; init; }

    public required string Label2 { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Trajectory { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? VarianceShare1 { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? VarianceShare2 { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public uint? Seed { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Draw { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Biases { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Normalisation { get; init; }

    public required double Norm1 { get; init; }

    public required double Norm2 { get; init; }

    public required double Cosine { get; init; }
}

/// <summary>The grid: its resolution, how its range was chosen, the ranges of α and β, and the loss's extremes.</summary>
internal sealed record LandscapeGridDto(int Resolution, string Range, double[] Alpha, double[] Beta, double Minimum, double Maximum, string Loss);

/// <summary>A projected path: its method, its number of points, its ends on the plane (absent without points), how far θ₀ lies off the plane, and where it diverged.</summary>
internal sealed record LandscapePathDto(
    string Method,
    int Points,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double[]? Start,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double[]? End,
    double InitOffPlane,
    long? DivergedAtStep);
