namespace DescentLab.Sweeps;

/// <summary>What one shard of a sweep produced: its runs in canonical order (cell, then replicate).</summary>
/// <param name="Spec">The sweep.</param>
/// <param name="Shard">The slice that was run.</param>
/// <param name="Rows">The runs.</param>
public sealed record SweepResult(SweepSpec Spec, Shard Shard, IReadOnlyList<SweepRow> Rows);
