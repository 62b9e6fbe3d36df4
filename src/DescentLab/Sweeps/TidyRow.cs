namespace DescentLab.Sweeps;

/// <summary>One row of a tidy file as text and numbers: what the writer writes and the reader reads back.</summary>
internal sealed record TidyRow(
    int Cell,
    int Replicate,
    uint Seed,
    CellSettings Settings,
    long Steps,
    double FinalLoss,
    double MinimumLoss,
    double FinalExcessLoss,
    double? EpochsToTolerance,
    long? StepsToTolerance,
    bool Diverged,
    long? DivergedAtStep);
