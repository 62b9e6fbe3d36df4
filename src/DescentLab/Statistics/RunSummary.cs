namespace DescentLab.Statistics;

/// <summary>What one replicate run of one method ended with: one row of the per-run CSV.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Replicate">The replicate index r.</param>
/// <param name="Seed">The run's seed, s + r.</param>
/// <param name="DivergedAtStep">The step at which the run diverged; null if it did not.</param>
/// <param name="Steps">Updates taken.</param>
/// <param name="FinalLoss">The full-data loss at the end (+∞ if diverged).</param>
/// <param name="MinimumLoss">L* of this replicate's data.</param>
/// <param name="EpochsToTolerance">The epoch from which the excess loss stays below the tolerance; null if never.</param>
/// <param name="StepsToTolerance">The same point in updates; null if never.</param>
/// <param name="FinalParameters">θ at the end, in parameter order.</param>
/// <param name="ExcessAtEpochs">The excess loss at each comparison epoch (NaN past the run's length).</param>
/// <param name="ExcessAtSteps">The excess loss at each comparison step (NaN past the run's length).</param>
public sealed record RunSummary(
    string Method,
    int Replicate,
    uint Seed,
    long? DivergedAtStep,
    long Steps,
    double FinalLoss,
    double MinimumLoss,
    double? EpochsToTolerance,
    long? StepsToTolerance,
    IReadOnlyList<double> FinalParameters,
    IReadOnlyList<double> ExcessAtEpochs,
    IReadOnlyList<double> ExcessAtSteps)
{
    /// <summary>For a classifier, the share of samples the final θ classifies correctly; NaN otherwise (and for the linear model).</summary>
    public double FinalAccuracy { get; init; } = double.NaN;

    /// <summary>Whether the run was stopped as diverged.</summary>
    public bool Diverged => DivergedAtStep.HasValue;

    /// <summary>L(θ_end) − L*.</summary>
    public double FinalExcessLoss => FinalLoss - MinimumLoss;
}
