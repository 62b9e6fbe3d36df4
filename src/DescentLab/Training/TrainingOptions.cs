namespace DescentLab.Training;

/// <summary>How long to train and how often to record.</summary>
public sealed record TrainingOptions
{
    private readonly int _epochs = 300;
    private readonly int _recordEvery = 1;
    private readonly int? _batchesOfEpoch;

    /// <summary>Epochs to train (the seed trains 300).</summary>
    public int Epochs
    {
        get => _epochs;
        init => _epochs = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), value, "epochs: must be at least 1.");
    }

    /// <summary>Record every k-th step; the initial point, the first and the last step are always recorded.</summary>
    public int RecordEvery
    {
        get => _recordEvery;
        init => _recordEvery = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(RecordEvery), value, "recordEvery: must be at least 1.");
    }

    /// <summary>
    /// An epoch (0-based) whose batches the trajectory keeps, e.g. for the minibatch landscapes of that epoch;
    /// null keeps none.
    /// </summary>
    public int? KeepBatchesOfEpoch
    {
        get => _batchesOfEpoch;
        init => _batchesOfEpoch = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(KeepBatchesOfEpoch), value, "keepBatchesOfEpoch: must be at least 0.");
    }
}
