using System.Text.Json.Serialization;

namespace DescentLab.Io;

/// <summary>The source-generated serializer of the JSON files a run writes besides its spec: summary.json and landscape.json.</summary>
/// <remarks>
/// A null field is left out, unless its DTO says otherwise. A non-finite number (a diverged loss, the condition number
/// of a singular Hessian, a loss that overflowed far out on a plane) is written as the string "NaN", "Infinity" or
/// "-Infinity", which JSON numbers cannot hold; finite numbers in the shortest round-trip form.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SummaryDto<MethodSummaryDto>))]
[JsonSerializable(typeof(SummaryDto<NetworkMethodSummaryDto>))]
[JsonSerializable(typeof(LandscapeDto))]
internal sealed partial class OutputJsonContext : JsonSerializerContext;
