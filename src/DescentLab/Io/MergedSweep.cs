using DescentLab.Sweeps;

namespace DescentLab.Io;

/// <summary>What the shards of one sweep make up together, checked: the sweep file and the whole sweep's tidy text.</summary>
/// <param name="File">The sweep file (with the output settings of the lowest-numbered shard).</param>
/// <param name="Tidy">The tidy file of the whole sweep, as one unsharded run writes it.</param>
public sealed record MergedSweep(SweepFile File, string Tidy);
