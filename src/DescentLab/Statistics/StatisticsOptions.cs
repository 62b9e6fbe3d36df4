namespace DescentLab.Statistics;

/// <summary>What to compute across replicates: the band, the tolerance, the comparison points and the bootstrap.</summary>
public sealed record StatisticsOptions
{
    private readonly double _tolerance = 1.0;
    private readonly double _bandLower = 0.1;
    private readonly double _bandUpper = 0.9;
    private readonly int _resamples = 2000;
    private readonly double _level = 0.95;
    private readonly IReadOnlyList<int> _epochs = [50, 300];
    private readonly IReadOnlyList<long> _steps = [50, 300];

    /// <summary>The excess loss L(θ) − L* a run must stay below to count as converged (epochs to tolerance).</summary>
    public double Tolerance
    {
        get => _tolerance;
        init => _tolerance = value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Tolerance), value, "tolerance: must be positive and finite.");
    }

    /// <summary>The lower quantile of the band (0.1: the 10–90% band by default).</summary>
    public double BandLower
    {
        get => _bandLower;
        init => _bandLower = value is >= 0 and < 0.5 ? value : throw new ArgumentOutOfRangeException(nameof(BandLower), value, "bandLower: must be in [0, 0.5).");
    }

    /// <summary>The upper quantile of the band.</summary>
    public double BandUpper
    {
        get => _bandUpper;
        init => _bandUpper = value is > 0.5 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BandUpper), value, "bandUpper: must be in (0.5, 1].");
    }

    /// <summary>The epochs at which each pair of methods is compared (points past a method's last epoch are skipped).</summary>
    public IReadOnlyList<int> ComparisonEpochs
    {
        get => _epochs;
        init => _epochs = value is not null && value.All(e => e >= 0)
            ? [.. value.Distinct().Order()]
            : throw new ArgumentException("comparisonEpochs: epochs must be non-negative.", nameof(ComparisonEpochs));
    }

    /// <summary>The update counts at which each pair of methods is compared (GD's step k against SGD's step k).</summary>
    public IReadOnlyList<long> ComparisonSteps
    {
        get => _steps;
        init => _steps = value is not null && value.All(s => s >= 0)
            ? [.. value.Distinct().Order()]
            : throw new ArgumentException("comparisonSteps: steps must be non-negative.", nameof(ComparisonSteps));
    }

    /// <summary>Bootstrap resamples per comparison.</summary>
    public int BootstrapResamples
    {
        get => _resamples;
        init => _resamples = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BootstrapResamples), value, "bootstrapResamples: must be at least 1.");
    }

    /// <summary>The seed of the NumPy legacy generator that draws the resamples (the same resamples for every comparison).</summary>
    public uint BootstrapSeed { get; init; }

    /// <summary>The bootstrap interval's confidence level.</summary>
    public double ConfidenceLevel
    {
        get => _level;
        init => _level = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), value, "confidenceLevel: must be between 0 and 1.");
    }

    /// <inheritdoc/>
    public bool Equals(StatisticsOptions? other) =>
        other is not null
        && Tolerance == other.Tolerance
        && BandLower == other.BandLower
        && BandUpper == other.BandUpper
        && ComparisonEpochs.SequenceEqual(other.ComparisonEpochs)
        && ComparisonSteps.SequenceEqual(other.ComparisonSteps)
        && BootstrapResamples == other.BootstrapResamples
        && BootstrapSeed == other.BootstrapSeed
        && ConfidenceLevel == other.ConfidenceLevel;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Tolerance, BandLower, BandUpper, BootstrapResamples, BootstrapSeed, ConfidenceLevel);
}
