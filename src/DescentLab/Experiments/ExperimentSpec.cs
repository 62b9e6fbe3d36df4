using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Statistics;
using DescentLab.Training;

namespace DescentLab.Experiments;

/// <summary>Everything that defines an experiment: data, model, methods, training length, seed and randomness.</summary>
public sealed record ExperimentSpec
{
    private readonly int _degree = 2;
    private readonly int _replicates = 1;
    private readonly IReadOnlyList<Method> _methods = SeedMethods();

    /// <summary>A short name for the experiment, used in titles and folder names.</summary>
    public string Name { get; init; } = "seed";

    /// <summary>Where the dataset comes from (the seed notebook's generator by default).</summary>
    public DataSpec Data { get; init; } = new SeedData();

    /// <summary>The polynomial degree of the features on each input column.</summary>
    public int Degree
    {
        get => _degree;
        init => _degree = value is >= 1 and <= 32
            ? value
            : throw SettingError.OutOfRange("degree", nameof(Degree), value, "must be between 1 and 32.");
    }

    /// <summary>The model to train (the linear least-squares model by default).</summary>
    public Models.ModelSpec Model { get; init; } = Models.ModelSpec.Linear;

    /// <summary>The methods to run, with distinct names.</summary>
    public IReadOnlyList<Method> Methods
    {
        get => _methods;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0)
            {
                throw SettingError.Invalid("methods", nameof(Methods), "at least one method is needed.");
            }

            var duplicate = value.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw SettingError.Invalid("methods", nameof(Methods), $"the name '{duplicate.Key}' is used twice.");
            }

            _methods = [.. value];
        }
    }

    /// <summary>Epochs and recording interval.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>The experiment seed.</summary>
    public uint Seed { get; init; }

    /// <summary>Where the random draws come from.</summary>
    public RandomnessMode Randomness { get; init; } = RandomnessMode.Independent;

    /// <summary>How the initial parameters are chosen (notebook randomness always draws one per method, as the notebook does, unless explicit).</summary>
    public InitSpec Init { get; init; } = InitSpec.Shared;

    /// <summary>The most optimizer steps one run may take: step counters are 32-bit.</summary>
    public const long MaxStepsPerRun = int.MaxValue;

    /// <summary>Why a run of <paramref name="method"/> on <paramref name="sampleCount"/> samples for <paramref name="epochs"/> epochs cannot be counted, or null.</summary>
    public static string? StepLimitProblem(Training.Method method, int sampleCount, int epochs)
    {
        ArgumentNullException.ThrowIfNull(method);
        var steps = (long)epochs * method.Sampler.BatchesPerEpoch(sampleCount);
        return steps > MaxStepsPerRun
            ? $"{epochs} epochs of {method.Sampler.BatchesPerEpoch(sampleCount)} batches ({method.Name}) are {steps} steps, more than the step limit of {MaxStepsPerRun} per run; lower the epochs."
            : null;
    }

    /// <summary>The most replicates an experiment may ask for: each keeps its final metrics and curve, and 10⁵ already take minutes.</summary>
    public const int MaxReplicates = 100_000;

    /// <summary>
    /// Replicates R: replicate r is the single run with seed <see cref="Seed"/> + r (its data when generated, its init and
    /// its shuffles), so any replicate can be rerun alone.
    /// </summary>
    public int Replicates
    {
        get => _replicates;
        init => _replicates = value is >= 1 and <= MaxReplicates
            ? value
            : throw SettingError.OutOfRange("replicates", nameof(Replicates), value, value >= 1 ? $"must be at most {MaxReplicates} (the replicate limit)." : "must be at least 1.");
    }

    /// <summary>What to compute across replicates (bands, tolerance, comparison points, bootstrap).</summary>
    public StatisticsOptions Statistics { get; init; } = new();

    /// <summary>
    /// The seed notebook's three methods: full-batch GD, and SGD with batches of 25 in fixed order and reshuffled
    /// every epoch, all plain SGD at lr 1e-3.
    /// </summary>
    public static IReadOnlyList<Method> SeedMethods()
    {
        var sgd = new SgdOptions { LearningRate = 1e-3 };
        return
        [
            new Method("gd", SamplerOptions.FullBatch, sgd),
            new Method("sgd", new SamplerOptions { Kind = SamplerKind.Sequential, BatchSize = 25 }, sgd),
            new Method("sgd-shuffle", new SamplerOptions { Kind = SamplerKind.Reshuffle, BatchSize = 25 }, sgd),
        ];
    }

    /// <inheritdoc/>
    public bool Equals(ExperimentSpec? other) =>
        other is not null
        && Name == other.Name
        && Data.Equals(other.Data)
        && Degree == other.Degree
        && Model.Equals(other.Model)
        && Methods.SequenceEqual(other.Methods)
        && Training.Equals(other.Training)
        && Seed == other.Seed
        && Randomness == other.Randomness
        && Init.Equals(other.Init)
        && Replicates == other.Replicates
        && Statistics.Equals(other.Statistics);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Degree, Methods.Count, Seed, Randomness);
}
