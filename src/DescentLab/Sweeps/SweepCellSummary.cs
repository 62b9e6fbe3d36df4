using DescentLab.Statistics;

namespace DescentLab.Sweeps;

/// <summary>One row of a sweep's summary.csv: one cell's settings and its outcome across replicates.</summary>
/// <param name="Cell">The cell's index.</param>
/// <param name="Optimizer">The optimizer axis's name.</param>
/// <param name="Sampler">The sampler's name (full-batch, reshuffle, …).</param>
/// <param name="BatchSize">The batch size as written ("full" for the full-batch sampler).</param>
/// <param name="LearningRate">The learning rate.</param>
/// <param name="Method">The cell's method name.</param>
/// <param name="Runs">Replicates run.</param>
/// <param name="DivergedShare">The share of runs that diverged.</param>
/// <param name="ReachedShare">The share of runs that reached the tolerance.</param>
/// <param name="FinalExcessLoss">The 10/50/90% quantiles of the final excess loss.</param>
/// <param name="EpochsToTolerance">The 10/50/90% quantiles of epochs to tolerance (+∞ when not reached).</param>
public sealed record SweepCellSummary(
    int Cell,
    string Optimizer,
    string Sampler,
    string BatchSize,
    double LearningRate,
    string Method,
    int Runs,
    double DivergedShare,
    double ReachedShare,
    QuantileSummary FinalExcessLoss,
    QuantileSummary EpochsToTolerance);
