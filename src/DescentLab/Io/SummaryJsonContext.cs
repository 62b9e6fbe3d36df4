using System.Text.Json.Serialization;

namespace DescentLab.Io;

/// <summary>The source-generated serializer of summary.json's DTOs.</summary>
/// <remarks>
/// A null field is left out, unless its DTO says otherwise. A non-finite number (a diverged loss, the condition number of a singular Hessian) is written as the string "NaN",
/// "Infinity" or "-Infinity", which JSON numbers cannot hold; finite numbers in the shortest round-trip form.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SummaryDto<MethodSummaryDto>))]
[JsonSerializable(typeof(SummaryDto<NetworkMethodSummaryDto>))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext;
