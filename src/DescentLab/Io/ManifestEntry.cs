namespace DescentLab.Io;

/// <summary>One file of a shard: its name in the folder, its size and its SHA-256 (lowercase hex).</summary>
/// <param name="Name">The file's name.</param>
/// <param name="Bytes">Its size in bytes, as written (lines ending in LF).</param>
/// <param name="Sha256">The SHA-256 of its bytes as written.</param>
public sealed record ManifestEntry(string Name, long Bytes, string Sha256);
