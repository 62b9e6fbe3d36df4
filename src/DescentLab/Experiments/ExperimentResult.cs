using DescentLab.Analysis;
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

    /// <summary>The excess loss a run must stay below to have reached the optimum (the spec's rule on this problem).</summary>
    public double Tolerance => Spec.Statistics.ToleranceFor(Problem.FullData);

    /// <summary>Where <paramref name="run"/> reached the optimum for good under the spec's rule; null if it never did or diverged.</summary>
    public ConvergencePoint? Reached(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return PathMetrics.Of(run.Trajectory, Problem).FirstBelow(Tolerance);
    }
}
