using System.Text.Json.Serialization;

namespace DescentLab.Io;

/// <summary>The source-generated serializer of landscape.json's DTOs.</summary>
/// <remarks>
/// A null field is left out, unless its DTO says otherwise. A non-finite number (a loss that overflowed far out on the
/// plane) is written as the string "NaN", "Infinity" or "-Infinity", as in summary.json.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(LandscapeDto))]
internal sealed partial class LandscapeJsonContext : JsonSerializerContext;
