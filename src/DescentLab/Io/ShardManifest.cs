using System.Reflection;
using System.Text.Json.Serialization;

namespace DescentLab.Io;

/// <summary>
/// What a shard folder's manifest.json records when the shard is written, for <c>merge</c> to verify: which slice it is,
/// the digest of the sweep it was cut from, its row count, the size and SHA-256 of each file it holds besides
/// sweep.json (which the sweep digest covers, over its parsed content), and the DescentLab version that wrote it.
/// </summary>
/// <param name="Format">The manifest's format version: <see cref="CurrentFormat"/>, or 1 (the same without <see cref="Version"/>).</param>
/// <param name="Shard">The slice, "i/N".</param>
/// <param name="SweepDigest">The sweep digest (<see cref="SweepFiles.Digest"/>), lowercase hex.</param>
/// <param name="Rows">The tidy file's data rows.</param>
/// <param name="Files">Each file's name, size and SHA-256.</param>
public sealed record ShardManifest([property: JsonPropertyOrder(-2)] int Format, string Shard, string SweepDigest, long Rows, IReadOnlyList<ManifestEntry> Files)
{
    /// <summary>The format this version writes; it reads this one and format 1.</summary>
    public const int CurrentFormat = 2;

    /// <summary>
    /// The version of DescentLab that wrote the shard (its informational version, e.g. "0.1.0+commit"); null in a format 1
    /// manifest. Another version may read a sweep file differently and so compute another sweep digest for it.
    /// </summary>
    [JsonPropertyOrder(-1)]
    public string? Version { get; init; }

    /// <summary>The version of this DescentLab, as <see cref="Version"/> records it.</summary>
    public static string CurrentVersion { get; } =
        typeof(ShardManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ShardManifest).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
