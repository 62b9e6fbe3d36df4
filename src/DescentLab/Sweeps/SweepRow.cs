namespace DescentLab.Sweeps;

/// <summary>One run of a sweep: one cell under one replicate; a row of the tidy CSV.</summary>
/// <param name="Cell">The cell.</param>
/// <param name="Replicate">The replicate r.</param>
/// <param name="Seed">The run's seed, s + r.</param>
/// <param name="Steps">Updates taken.</param>
/// <param name="FinalLoss">The full-data loss at the end (+∞ if diverged).</param>
/// <param name="MinimumLoss">L* of the replicate's data; for a network model without a finite θ*, L_ref (see <see cref="SweepRunner.Run"/>).</param>
/// <param name="EpochsToTolerance">The epoch from which the excess loss stays below the tolerance; null if never.</param>
/// <param name="StepsToTolerance">The same point in updates; null if never.</param>
/// <param name="DivergedAtStep">The step at which the run diverged; null if it did not.</param>
public sealed record SweepRow(
    SweepCell Cell,
    int Replicate,
    uint Seed,
    long Steps,
    double FinalLoss,
    double MinimumLoss,
    double? EpochsToTolerance,
    long? StepsToTolerance,
    long? DivergedAtStep)
{
    /// <summary>L(θ_end) − L* (or − L_ref).</summary>
    public double FinalExcessLoss => FinalLoss - MinimumLoss;
}
