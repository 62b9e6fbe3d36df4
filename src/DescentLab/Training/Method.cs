using DescentLab.Optimizers;
using DescentLab.Sampling;

namespace DescentLab.Training;

/// <summary>A named way to train: a sampler, an optimizer and a learning-rate schedule (e.g. "SGD random").</summary>
public sealed record Method
{
    /// <summary>Creates a method; the schedule defaults to a constant learning rate.</summary>
    public Method(string name, SamplerOptions sampler, OptimizerOptions optimizer, LearningRateSchedule? schedule = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (NameCheck.Problem(name) is { } problem)
        {
            throw SettingError.Invalid("name", nameof(name), problem);
        }

        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(optimizer);
        Name = name;
        Sampler = sampler;
        Optimizer = optimizer;
        Schedule = schedule ?? new ConstantLearningRate();
    }

    /// <summary>The method's name, unique within an experiment.</summary>
    public string Name { get; init; }

    /// <summary>How each epoch is cut into batches.</summary>
    public SamplerOptions Sampler { get; init; }

    /// <summary>The update rule and its settings.</summary>
    public OptimizerOptions Optimizer { get; init; }

    /// <summary>How the learning rate changes from epoch to epoch.</summary>
    public LearningRateSchedule Schedule { get; init; }
}
