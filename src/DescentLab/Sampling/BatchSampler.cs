namespace DescentLab.Sampling;

/// <summary>
/// The running sampler of one training run: cuts each epoch into batches of sample indices, drawing its
/// randomness as a PyTorch DataLoader with the same settings would.
/// </summary>
public sealed class BatchSampler
{
    private readonly SamplerOptions _options;
    private readonly LoaderRandomness? _stream;
    private readonly int[] _order;
    private readonly int _sampleCount;
    private readonly int _batchSize;

    /// <summary>Creates the sampler for <paramref name="sampleCount"/> samples; draws the one-off permutation of shuffle-once.</summary>
    /// <param name="options">The sampler's settings.</param>
    /// <param name="sampleCount">The number of samples n.</param>
    /// <param name="stream">Where the draws come from; may be null only for full-batch.</param>
    public BatchSampler(SamplerOptions options, int sampleCount, LoaderRandomness? stream)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleCount, 1);
        if (stream is null && options.Kind != SamplerKind.FullBatch)
        {
            throw new ArgumentNullException(nameof(stream), $"A {options.Kind} sampler needs a stream.");
        }

        _options = options;
        _stream = stream;
        _sampleCount = sampleCount;
        BatchesPerEpoch = options.BatchesPerEpoch(sampleCount);
        _batchSize = options.Kind == SamplerKind.FullBatch ? sampleCount : options.BatchSize;
        _order = new int[sampleCount];
        for (var i = 0; i < sampleCount; i++)
        {
            _order[i] = i;
        }

        if (options.Kind == SamplerKind.ShuffleOnce)
        {
            // As if the dataset were permuted once with torch.randperm(n, generator=g) before the DataLoader is made.
            stream!.Loader.Randperm(_order);
        }
    }

    /// <summary>The sampler's settings.</summary>
    public SamplerOptions Options => _options;

    /// <summary>Batches per epoch.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>Whether every epoch has the same batches (full-batch, sequential, shuffle-once).</summary>
    public bool FixedBatches => _options.Kind is SamplerKind.FullBatch or SamplerKind.Sequential or SamplerKind.ShuffleOnce;

    /// <summary>Draws the coming epoch's order, as a new DataLoader iterator does. Allocates nothing.</summary>
    public void BeginEpoch()
    {
        if (_options.Kind == SamplerKind.FullBatch)
        {
            // The seed notebook's GD loop uses no DataLoader, so it draws nothing.
            return;
        }

        var stream = _stream!;
        stream.DrawBaseSeed();
        switch (_options.Kind)
        {
            case SamplerKind.Reshuffle:
                stream.SamplerGenerator().Randperm(_order);
                break;
            case SamplerKind.WithReplacement:
                stream.SamplerGenerator().RandintBelow(_sampleCount, _order);
                break;
            default:
                break;
        }
    }

    /// <summary>The sample indices of batch <paramref name="index"/> of the current epoch.</summary>
    public ReadOnlySpan<int> Batch(int index)
    {
        var start = index * _batchSize;
        return _order.AsSpan(start, Math.Min(_batchSize, _sampleCount - start));
    }
}
