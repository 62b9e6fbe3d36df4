using DescentLab.Experiments;

namespace DescentLab.Sweeps;

/// <summary>A sweep file's content: the sweep to run and what to draw besides the CSV files.</summary>
/// <param name="Spec">The sweep (its base experiment and its axes).</param>
/// <param name="Output">Figures and report.</param>
public sealed record SweepFile(SweepSpec Spec, OutputSettings Output);
