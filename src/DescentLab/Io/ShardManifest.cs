namespace DescentLab.Io;

/// <summary>
/// What a shard folder's manifest.json records when the shard is written, for <c>merge</c> to verify: which slice it is,
/// the digest of the sweep it was cut from, its row count, and the size and SHA-256 of each file it holds besides
/// sweep.json (which the sweep digest covers, over its parsed content).
/// </summary>
/// <param name="Format">The manifest's format version, <see cref="CurrentFormat"/>.</param>
/// <param name="Shard">The slice, "i/N".</param>
/// <param name="SweepDigest">The sweep digest (<see cref="SweepFiles.Digest"/>), lowercase hex.</param>
/// <param name="Rows">The tidy file's data rows.</param>
/// <param name="Files">Each file's name, size and SHA-256.</param>
public sealed record ShardManifest(int Format, string Shard, string SweepDigest, long Rows, IReadOnlyList<ManifestEntry> Files)
{
    /// <summary>The format this version writes and reads.</summary>
    public const int CurrentFormat = 1;
}
