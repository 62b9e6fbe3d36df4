namespace DescentLab.Sampling;

/// <summary>The sampler's settings: its kind, the batch size and whether a short last batch is dropped.</summary>
public sealed record SamplerOptions
{
    private readonly int _batchSize = 1;

    /// <summary>How an epoch is cut into batches.</summary>
    public SamplerKind Kind { get; init; } = SamplerKind.Sequential;

    /// <summary>Samples per batch (ignored by <see cref="SamplerKind.FullBatch"/>); PyTorch's DataLoader default is 1.</summary>
    public int BatchSize
    {
        get => _batchSize;
        init => _batchSize = value >= 1
            ? value
            : throw SettingError.Attach(new ArgumentOutOfRangeException(nameof(BatchSize), value, "batch_size should be a positive integer value, but got batch_size=" + value), "batchSize", "batch_size should be a positive integer value, but got batch_size=" + value);
    }

    /// <summary>Whether the last, short batch of an epoch is dropped, as DataLoader's <c>drop_last</c> (default false).</summary>
    public bool DropLast { get; init; }

    /// <summary>Full-batch gradient descent.</summary>
    public static SamplerOptions FullBatch { get; } = new() { Kind = SamplerKind.FullBatch };

    /// <summary>The batches of one epoch for <paramref name="sampleCount"/> samples.</summary>
    public int BatchesPerEpoch(int sampleCount)
    {
        if (Kind == SamplerKind.FullBatch)
        {
            return 1;
        }

        if (BatchSize > sampleCount)
        {
            // A DataLoader would silently make one short batch (or none with drop_last); a batch larger than the
            // data is almost always a mistake in an experiment spec.
            throw new ArgumentException($"batch size {BatchSize} is larger than the {sampleCount} samples.", nameof(sampleCount));
        }

        return DropLast ? sampleCount / BatchSize : (sampleCount + BatchSize - 1) / BatchSize;
    }
}
