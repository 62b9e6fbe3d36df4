using DescentLab.Randomness;

namespace DescentLab.Sampling;

/// <summary>
/// The generators a PyTorch <c>DataLoader</c> draws from each epoch: the loader's own generator, and the one its
/// <c>RandomSampler</c> shuffles with.
/// </summary>
/// <remarks>
/// torch/utils/data/dataloader.py (1.13): every new iterator draws <c>_base_seed</c> with one int64
/// <c>random_()</c> from the loader's generator, whether or not it shuffles. torch/utils/data/sampler.py:
/// <c>RandomSampler.__iter__</c> with <c>generator=None</c> draws a seed from the global generator with another
/// int64 <c>random_()</c> and shuffles with a fresh generator seeded with it; given a generator, it uses that one.
/// </remarks>
public sealed class LoaderRandomness
{
    private readonly TorchGenerator _loader;
    private readonly TorchGenerator? _sampler;

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

    /// <summary>
    /// The draws of <c>DataLoader(..., generator=g)</c> whose <c>RandomSampler</c> also uses <c>g</c>: one private
    /// stream per run.
    /// </summary>
    public static LoaderRandomness Own(TorchGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return new LoaderRandomness(generator, generator);
    }

    /// <summary>The generator a one-off draw before training uses (<c>torch.randperm(n, generator=g)</c>).</summary>
    internal TorchGenerator Loader => _loader;

    /// <summary>Draws the loader iterator's <c>_base_seed</c>, which nothing here uses but the stream must skip.</summary>
    internal void DrawBaseSeed() => _loader.RandomInt64();

    /// <summary>The generator the sampler shuffles with this epoch, seeding a fresh one from the global stream when it has none.</summary>
    internal TorchGenerator SamplerGenerator(TorchGenerator scratch)
    {
        if (_sampler is not null)
        {
            return _sampler;
        }

        scratch.ManualSeed((ulong)_loader.RandomInt64());
        return scratch;
    }
}
