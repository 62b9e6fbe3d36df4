using System.Text.Json;
using System.Text.Json.Serialization;

namespace DescentLab.Io;

/// <summary>The source-generated serializer of the experiment and sweep files' DTOs: no reflection at run time.</summary>
/// <remarks>
/// Unknown fields are refused (UnmappedMemberHandling.Disallow), so are repeated ones (AllowDuplicateProperties false;
/// <see cref="JsonFormat.Parse"/> finds them first, with their path); comments are allowed. Field names are the DTOs'
/// property names in camel case, written once for reading and writing.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(ExperimentFileDto))]
[JsonSerializable(typeof(SweepFileDto))]
[JsonSerializable(typeof(SeedDataDto))]
[JsonSerializable(typeof(PolynomialDataDto))]
[JsonSerializable(typeof(CsvDataDto))]
[JsonSerializable(typeof(ClassificationDataDto))]
[JsonSerializable(typeof(SgdDto))]
[JsonSerializable(typeof(AdamDto))]
[JsonSerializable(typeof(RmspropDto))]
[JsonSerializable(typeof(AdagradDto))]
[JsonSerializable(typeof(SweepOptimizerDto))]
[JsonSerializable(typeof(KindDto))]
[JsonSerializable(typeof(KindFieldDto))]
[JsonSerializable(typeof(StepScheduleDto))]
[JsonSerializable(typeof(ExponentialScheduleDto))]
[JsonSerializable(typeof(CosineScheduleDto))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(double[]))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(JsonElement[]))]
internal sealed partial class SpecJsonContext : JsonSerializerContext;
