using DescentLab.Models;

namespace DescentLab.Experiments;

/// <summary>What an experiment produced: the spec it ran, the problem it trained on and every run.</summary>
/// <param name="Spec">The resolved spec.</param>
/// <param name="Problem">The problem (dataset as used, features, sufficient statistics).</param>
/// <param name="Runs">The runs, in method order.</param>
public sealed record ExperimentResult(ExperimentSpec Spec, Problem Problem, IReadOnlyList<RunResult> Runs);
