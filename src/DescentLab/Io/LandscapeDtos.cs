using System.Text.Json.Serialization;

namespace DescentLab.Io;

// landscape.json as it is written: one record per JSON object, fields in the order written. A null field is left out
// (OutputJsonContext): it belongs to other kinds of directions (PCA's variance shares, a random draw's seed, a
// filter's normalisation) or to a path with points. The two nulls that say something are written (JsonIgnoreCondition.Never).

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
internal sealed record LandscapeCentreDto(string Is, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Method, double Loss);

/// <summary>The directions d₁ and d₂: how they were made, and their norms and cosine.</summary>
internal sealed record LandscapeDirectionsDto(
    string Kind,
    string Label1,
    string Label2,
    string? Trajectory,
    double? VarianceShare1,
    double? VarianceShare2,
    uint? Seed,
    string? Draw,
    string? Biases,
    string? Normalisation,
    double Norm1,
    double Norm2,
    double Cosine);

/// <summary>The grid: its resolution, how its range was chosen, the ranges of α and β, and the loss's extremes.</summary>
internal sealed record LandscapeGridDto(int Resolution, string Range, double[] Alpha, double[] Beta, double Minimum, double Maximum, string Loss);

/// <summary>A projected path: its method, its number of points, its ends on the plane (absent without points), how far θ₀ lies off the plane, and where it diverged.</summary>
internal sealed record LandscapePathDto(
    string Method,
    int Points,
    double[]? Start,
    double[]? End,
    double InitOffPlane,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? DivergedAtStep);
