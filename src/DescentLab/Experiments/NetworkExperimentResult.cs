using DescentLab.Analysis;
using DescentLab.Models;
using DescentLab.Statistics;

namespace DescentLab.Experiments;

/// <summary>What an experiment with a network model produced: the spec, the network it trained and every run.</summary>
/// <param name="Spec">The resolved spec.</param>
/// <param name="Network">The network on the dataset as used.</param>
/// <param name="Runs">The runs, in method order.</param>
public sealed record NetworkExperimentResult(ExperimentSpec Spec, NeuralNetwork Network, IReadOnlyList<RunResult> Runs)
{
    /// <summary>For logistic regression, θ* by Newton's method or the statement that the data is separable; null for other models.</summary>
    public LogisticOptimum? Optimum { get; init; }

    /// <summary>
    /// For models without θ* (softmax, MLPs), the reference optimum L_ref from a long full-batch L-BFGS run started at the
    /// best run's end point; null for logistic regression (which has Newton's θ*) or when every run diverged.
    /// </summary>
    public ReferenceOptimum? Reference { get; init; }

    /// <summary>The run's final full-data loss minus L_ref (≥ 0 up to rounding, since L_ref starts from the best run and only descends); NaN without a reference.</summary>
    public double ExcessLoss(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Reference is { } reference ? run.Trajectory.Loss[^1] - reference.Loss : double.NaN;
    }

    /// <summary>
    /// With more than one replicate, the statistics across them: excess loss against each replicate's own reference
    /// (Newton's L* for logistic regression with a finite θ*, otherwise that replicate's L_ref), final accuracy, divergences.
    /// </summary>
    public ReplicateStatistics? Statistics { get; init; }

    /// <summary>Per run, the curvature at its final θ (Hessian eigenvalues, 2/λmax); null for a diverged run.</summary>
    public IReadOnlyList<CurvatureAnalysis?> EndCurvatures { get; init; } = [];

    /// <summary>The share of samples the run's final θ classifies correctly; NaN for a regression network.</summary>
    public double FinalAccuracy(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var theta = new double[Network.ParameterCount];
        run.Trajectory.ParametersAt(run.Trajectory.Count - 1, theta);
        return Network.Accuracy(theta);
    }

    /// <summary>The share of samples the run's initial θ classifies correctly; NaN for a regression network.</summary>
    public double InitialAccuracy(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Network.Accuracy([.. run.Init]);
    }
}
