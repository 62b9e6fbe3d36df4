using System.Text.Json.Serialization;

namespace DescentLab.Io;

/// <summary>The manifest's JSON, generated at build time: no reflection, no unknown or repeated fields, nothing missing.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    NewLine = "\n",
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(ShardManifest))]
internal sealed partial class ShardManifestJson : JsonSerializerContext;
