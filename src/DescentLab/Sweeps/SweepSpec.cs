using System.Globalization;
using DescentLab.Experiments;
using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Sweeps;

/// <summary>
/// A grid over method settings (optimizer, sampler, batch size, learning rate) on a base experiment, each cell run under
/// the base's replicates: data, model, epochs, seed, init, replicates and tolerance come from <see cref="Base"/>.
/// </summary>
public sealed record SweepSpec
{
    private readonly IReadOnlyList<double> _learningRates = [1e-3];
    private readonly IReadOnlyList<int> _batchSizes = [25];
    private readonly IReadOnlyList<SamplerKind> _samplers = [SamplerKind.Reshuffle];
    private readonly OptimizerChoice[] _optimizers = [new("sgd", new SgdOptions { LearningRate = 1e-3 })];

    /// <summary>The experiment each cell runs in (its methods are replaced by the cell's).</summary>
    public ExperimentSpec Base { get; init; } = new();

    /// <summary>The learning-rate axis.</summary>
    public IReadOnlyList<double> LearningRates
    {
        get => _learningRates;
        init => _learningRates = NonEmpty(value, v => v > 0 && double.IsFinite(v), nameof(LearningRates), "learning rates must be positive and finite");
    }

    /// <summary>The batch-size axis (not crossed with the full-batch sampler, which has one batch of every sample).</summary>
    public IReadOnlyList<int> BatchSizes
    {
        get => _batchSizes;
        init => _batchSizes = NonEmpty(value, v => v >= 1, nameof(BatchSizes), "batch sizes must be at least 1");
    }

    /// <summary>The sampler axis.</summary>
    public IReadOnlyList<SamplerKind> Samplers
    {
        get => _samplers;
        init => _samplers = NonEmpty(value, Enum.IsDefined, nameof(Samplers), "unknown sampler");
    }

    /// <summary>The optimizer axis, with distinct names.</summary>
    public IReadOnlyList<OptimizerChoice> Optimizers
    {
        get => _optimizers;
        init
        {
            _optimizers = NonEmpty(value, v => v is not null && !string.IsNullOrWhiteSpace(v.Name), nameof(Optimizers), "every optimizer needs a name");
            if (_optimizers.Select(o => Training.NameCheck.Problem(o.Name)).FirstOrDefault(p => p is not null) is { } problem)
            {
                throw SettingError.Invalid("optimizers", nameof(Optimizers), problem);
            }

            if (_optimizers.Select(o => o.Name).Distinct(StringComparer.Ordinal).Count() != _optimizers.Length)
            {
                throw SettingError.Invalid("optimizers", nameof(Optimizers), "names must be distinct.");
            }
        }
    }

    /// <summary>
    /// The cells in canonical order: optimizer, then sampler, then batch size, then learning rate (innermost). The
    /// full-batch sampler takes one cell per optimizer and learning rate, not one per batch size.
    /// </summary>
    public IReadOnlyList<SweepCell> Cells()
    {
        var cells = new List<SweepCell>();
        foreach (var optimizer in Optimizers)
        {
            foreach (var kind in Samplers)
            {
                IEnumerable<int?> sizes = kind == SamplerKind.FullBatch ? [null] : BatchSizes.Select(b => (int?)b);
                foreach (var size in sizes)
                {
                    var sampler = size is int b ? new SamplerOptions { Kind = kind, BatchSize = b } : SamplerOptions.FullBatch;
                    foreach (var lr in LearningRates)
                    {
                        var name = string.Create(CultureInfo.InvariantCulture, $"{SweepCsv.SamplerName(kind)}-b{(size is int s ? s.ToString(CultureInfo.InvariantCulture) : "full")}-{optimizer.Name}-lr{lr:R}");
                        var method = new Method(name, sampler, optimizer.Options with { LearningRate = lr });
                        cells.Add(new SweepCell(cells.Count, optimizer, lr, method));
                    }
                }
            }
        }

        return cells;
    }

    /// <summary>The number of runs: cells × replicates.</summary>
    public long RunCount => (long)Cells().Count * Base.Replicates;

    /// <inheritdoc/>
    public bool Equals(SweepSpec? other) =>
        other is not null
        && Base.Equals(other.Base)
        && LearningRates.SequenceEqual(other.LearningRates)
        && BatchSizes.SequenceEqual(other.BatchSizes)
        && Samplers.SequenceEqual(other.Samplers)
        && Optimizers.SequenceEqual(other.Optimizers);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Base, LearningRates.Count, BatchSizes.Count, Samplers.Count, Optimizers.Count);

    private static string Field(string name) => $"{char.ToLowerInvariant(name[0])}{name[1..]}";

    private static T[] NonEmpty<T>(IReadOnlyList<T> values, Func<T, bool> valid, string name, string message)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw SettingError.Invalid(Field(name), name, "at least one value is needed.");
        }

        return values.All(valid) ? [.. values] : throw SettingError.Invalid(Field(name), name, $"{message}.");
    }
}
