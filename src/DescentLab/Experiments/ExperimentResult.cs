using DescentLab.Models;
using DescentLab.Statistics;

namespace DescentLab.Experiments;

/// <summary>What an experiment produced: the spec it ran, the problem it trained on and every run.</summary>
/// <param name="Spec">The resolved spec.</param>
/// <param name="Problem">The problem (dataset as used, features, sufficient statistics).</param>
/// <param name="Runs">The runs, in method order (with replicates, those of replicate 0, the run with the spec's own seed).</param>
public sealed record ExperimentResult(ExperimentSpec Spec, Problem Problem, IReadOnlyList<RunResult> Runs)
{
    /// <summary>The statistics across replicates; null for a single replicate.</summary>
    public ReplicateStatistics? Statistics { get; init; }
}
