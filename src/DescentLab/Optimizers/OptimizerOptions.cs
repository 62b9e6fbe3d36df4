namespace DescentLab.Optimizers;

/// <summary>The settings of one optimizer, with PyTorch's defaults, validated at construction with PyTorch's messages.</summary>
public abstract record OptimizerOptions
{
    /// <summary>The learning rate γ the optimizer starts with (a schedule may change it per epoch).</summary>
    public abstract double LearningRate { get; init; }

    /// <summary>A fresh optimizer with zeroed state for <paramref name="parameterCount"/> parameters.</summary>
    public abstract Optimizer Create(int parameterCount);
}
