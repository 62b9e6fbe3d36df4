namespace DescentLab.Sweeps;

/// <summary>One shard's tidy file, as <see cref="SweepCsv.Merge"/> takes it.</summary>
/// <param name="Shard">The slice the shard claims to be (from its manifest).</param>
/// <param name="SourceName">The file's path or name, for messages.</param>
/// <param name="Text">The file's text.</param>
public sealed record ShardTidy(Shard Shard, string SourceName, string Text);
