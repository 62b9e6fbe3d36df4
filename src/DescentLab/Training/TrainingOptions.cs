namespace DescentLab.Training;

/// <summary>How long to train and how often to record.</summary>
public sealed record TrainingOptions
{
    private readonly int _epochs = 300;
    private readonly int _recordEvery = 1;
    private readonly int? _batchesOfEpoch;
    private readonly double _divergenceFactor = DefaultDivergenceFactor;

    /// <summary>
    /// The default <see cref="DivergenceFactor"/>, 10⁶. Plain GD below its stability bound never raises the full-data
    /// loss above L(θ₀) (every eigendirection of the error shrinks), and momentum, adaptive steps and batch noise
    /// overshoot by small factors; a million leaves room for those transients. An unstable run grows geometrically
    /// (the seed at lr 0.02 multiplies its loss by about 9.5 a step, at lr 0.011 by about 1.6), so it passes the
    /// threshold within a few dozen steps, long before its numbers overflow.
    /// </summary>
    public const double DefaultDivergenceFactor = 1e6;

    /// <summary>Epochs to train (the seed trains 300).</summary>
    public int Epochs
    {
        get => _epochs;
        init => _epochs = value >= 1 ? value : throw SettingError.OutOfRange("epochs", nameof(Epochs), value, "must be at least 1.");
    }

    /// <summary>Record every k-th step; the initial point, the first and the last step are always recorded.</summary>
    public int RecordEvery
    {
        get => _recordEvery;
        init => _recordEvery = value >= 1 ? value : throw SettingError.OutOfRange("recordEvery", nameof(RecordEvery), value, "must be at least 1.");
    }

    /// <summary>
    /// A run is stopped as diverged when its full-data loss passes this many times the larger of L(θ₀) and L*
    /// (or stops being finite).
    /// </summary>
    public double DivergenceFactor
    {
        get => _divergenceFactor;
        init => _divergenceFactor = value >= 1 && double.IsFinite(value)
            ? value
            : throw SettingError.OutOfRange("divergenceFactor", nameof(DivergenceFactor), value, "must be a finite number of at least 1.");
    }

    /// <summary>
    /// An epoch (0-based) whose batches the trajectory keeps, e.g. for the minibatch landscapes of that epoch;
    /// null keeps none.
    /// </summary>
    public int? KeepBatchesOfEpoch
    {
        get => _batchesOfEpoch;
        init => _batchesOfEpoch = value is null or >= 0 ? value : throw SettingError.OutOfRange("keepBatchesOfEpoch", nameof(KeepBatchesOfEpoch), value, "must be at least 0.");
    }
}
