namespace DescentLab.Statistics;

/// <summary>What to compute across replicates, and what "reached" means: the band, the tolerance, the comparison points and the bootstrap.</summary>
public sealed record StatisticsOptions
{
    private readonly double _relativeTolerance = DefaultRelativeTolerance;
    private readonly double _bandLower = 0.1;
    private readonly double _bandUpper = 0.9;
    private readonly int _resamples = 2000;
    private readonly double _level = 0.95;
    private readonly IReadOnlyList<int> _epochs = [50, 300];
    private readonly IReadOnlyList<long> _steps = [50, 300];

    /// <summary>The default <see cref="RelativeTolerance"/>: a run has reached the optimum when L − L* is below 1% of L*.</summary>
    public const double DefaultRelativeTolerance = 0.01;

    /// <summary>
    /// The least L* the tolerance is taken relative to, as a fraction of L(0) = mean(y²), the loss of the zero model: a
    /// data set the model fits almost exactly (L* ≈ 0) would otherwise ask for an excess loss below what the loss can
    /// resolve. 10⁻⁶ of mean(y²) is far above the loss's rounding (about 10⁻¹⁶ of it) and still means a fit to about
    /// 0.1% of the outputs' root mean square.
    /// </summary>
    public const double MinimumLossFloor = 1e-6;

    /// <summary>
    /// What "reached" means, everywhere: the excess loss L(θ) − L* stays below this fraction of L* (of
    /// <see cref="MinimumLossFloor"/> × mean(y²) when L* is smaller) from some point to the end of the run.
    /// </summary>
    public double RelativeTolerance
    {
        get => _relativeTolerance;
        init => _relativeTolerance = value > 0 && double.IsFinite(value)
            ? value
            : throw SettingError.OutOfRange("relativeTolerance", nameof(RelativeTolerance), value, "must be positive and finite.");
    }

    /// <summary>The rule in words, for tables and captions: "L − L* below 1% of L*".</summary>
    public string ToleranceText => ToleranceTextFor("L*");

    /// <summary>The rule in words against the minimum named <paramref name="minimum"/> ("L_ref" for a model without a known optimum).</summary>
    public string ToleranceTextFor(string minimum) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"L − {minimum} below {_relativeTolerance * 100:0.####}% of {minimum}");

    /// <summary>The excess loss a run on <paramref name="form"/> must stay below to have reached the optimum.</summary>
    public double ToleranceFor(Models.QuadraticForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return ToleranceFor(form.MinimumLoss, form.MeanSquare);
    }

    /// <summary>The excess loss to stay below for a problem with minimum loss <paramref name="minimumLoss"/> and mean(y²) <paramref name="meanSquare"/>.</summary>
    public double ToleranceFor(double minimumLoss, double meanSquare)
    {
        var scale = Math.Max(minimumLoss, MinimumLossFloor * meanSquare);
        var tolerance = _relativeTolerance * scale;

        // All-zero outputs leave no scale at all; the smallest positive double then means "exactly at L*".
        return tolerance > 0 && double.IsFinite(tolerance) ? tolerance : double.Epsilon;
    }

    /// <summary>The lower quantile of the band (0.1: the 10–90% band by default).</summary>
    public double BandLower
    {
        get => _bandLower;
        init => _bandLower = value is >= 0 and < 0.5 ? value : throw SettingError.OutOfRange("bandLower", nameof(BandLower), value, "must be in [0, 0.5).");
    }

    /// <summary>The upper quantile of the band.</summary>
    public double BandUpper
    {
        get => _bandUpper;
        init => _bandUpper = value is > 0.5 and <= 1 ? value : throw SettingError.OutOfRange("bandUpper", nameof(BandUpper), value, "must be in (0.5, 1].");
    }

    /// <summary>The epochs at which each pair of methods is compared (points past a method's last epoch are skipped).</summary>
    public IReadOnlyList<int> ComparisonEpochs
    {
        get => _epochs;
        init => _epochs = value is not null && value.All(e => e >= 0)
            ? [.. value.Distinct().Order()]
            : throw SettingError.Invalid("comparisonEpochs", nameof(ComparisonEpochs), "epochs must be non-negative.");
    }

    /// <summary>The update counts at which each pair of methods is compared (GD's step k against SGD's step k).</summary>
    public IReadOnlyList<long> ComparisonSteps
    {
        get => _steps;
        init => _steps = value is not null && value.All(s => s >= 0)
            ? [.. value.Distinct().Order()]
            : throw SettingError.Invalid("comparisonSteps", nameof(ComparisonSteps), "steps must be non-negative.");
    }

    /// <summary>Bootstrap resamples per comparison.</summary>
    public int BootstrapResamples
    {
        get => _resamples;
        init => _resamples = value >= 1 ? value : throw SettingError.OutOfRange("bootstrapResamples", nameof(BootstrapResamples), value, "must be at least 1.");
    }

    /// <summary>The seed of the NumPy legacy generator that draws the resamples (the same resamples for every comparison).</summary>
    public uint BootstrapSeed { get; init; }

    /// <summary>The bootstrap interval's confidence level.</summary>
    public double ConfidenceLevel
    {
        get => _level;
        init => _level = value is > 0 and < 1 ? value : throw SettingError.OutOfRange("confidenceLevel", nameof(ConfidenceLevel), value, "must be between 0 and 1.");
    }

    /// <inheritdoc/>
    public bool Equals(StatisticsOptions? other) =>
        other is not null
        && RelativeTolerance == other.RelativeTolerance
        && BandLower == other.BandLower
        && BandUpper == other.BandUpper
        && ComparisonEpochs.SequenceEqual(other.ComparisonEpochs)
        && ComparisonSteps.SequenceEqual(other.ComparisonSteps)
        && BootstrapResamples == other.BootstrapResamples
        && BootstrapSeed == other.BootstrapSeed
        && ConfidenceLevel == other.ConfidenceLevel;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(RelativeTolerance, BandLower, BandUpper, BootstrapResamples, BootstrapSeed, ConfidenceLevel);
}
