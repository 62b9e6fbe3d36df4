using DescentLab.Randomness;

namespace DescentLab.Sampling;

/// <summary>
/// Where a sampler's draws come from: the global generator as a PyTorch <c>DataLoader</c> uses it, or a private
/// generator used directly.
/// </summary>
/// <remarks>
/// Global (the seed notebook's loop): torch/utils/data/dataloader.py (1.13) draws <c>_base_seed</c> with one int64
/// <c>random_()</c> from the global generator for every new iterator, whether or not it shuffles; then
/// torch/utils/data/sampler.py's <c>RandomSampler.__iter__</c> (generator=None) draws a seed with another int64
/// <c>random_()</c> and shuffles with a fresh generator seeded with it.
/// Private (one stream per run): each epoch is <c>torch.randperm(n, generator=g)</c> (or
/// <c>torch.randint(high=n, size=(n,), generator=g)</c> with replacement), with no other draw. A DataLoader given
/// <c>generator=g</c> would also draw its base seed and, at the end of each epoch, a second permutation that
/// <c>RandomSampler</c> discards; neither changes which orders are possible, and skipping them halves the cost.
/// </remarks>
public sealed class LoaderRandomness
{
    private readonly TorchGenerator _loader;
    private readonly TorchGenerator? _sampler;
    private TorchGenerator? _epochGenerator;

    private LoaderRandomness(TorchGenerator loader, TorchGenerator? sampler)
    {
        _loader = loader;
        _sampler = sampler;
    }

    /// <summary>
    /// The draws of <c>DataLoader(..., generator=None)</c> on the global generator <paramref name="global"/>,
    /// as the seed notebook makes them.
    /// </summary>
    public static LoaderRandomness Global(TorchGenerator global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return new LoaderRandomness(global, null);
    }

    /// <summary>One private stream per run: every epoch's order drawn directly from <paramref name="generator"/>.</summary>
    public static LoaderRandomness Private(TorchGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return new LoaderRandomness(generator, generator);
    }

    /// <summary>The generator a one-off draw before training uses (<c>torch.randperm(n, generator=g)</c>).</summary>
    internal TorchGenerator Loader => _loader;

    /// <summary>Draws a DataLoader iterator's <c>_base_seed</c> from the global stream, which nothing here uses but the stream must skip.</summary>
    internal void DrawBaseSeed()
    {
        if (_sampler is null)
        {
            _loader.RandomInt64();
        }
    }

    /// <summary>The generator the sampler shuffles with this epoch, seeding a fresh one from the global stream when it has none.</summary>
    /// <remarks>The "fresh" generator is one instance reseeded each epoch, so an epoch allocates nothing.</remarks>
    internal TorchGenerator SamplerGenerator()
    {
        if (_sampler is not null)
        {
            return _sampler;
        }

        var seed = (ulong)_loader.RandomInt64();
        if (_epochGenerator is null)
        {
            _epochGenerator = new TorchGenerator(seed);
        }
        else
        {
            _epochGenerator.ManualSeed(seed);
        }

        return _epochGenerator;
    }
}
