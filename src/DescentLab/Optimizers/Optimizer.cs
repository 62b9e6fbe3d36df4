namespace DescentLab.Optimizers;

/// <summary>A stateful optimizer: a thin wrapper that owns the state and calls its pure kernel.</summary>
public abstract class Optimizer
{
    /// <summary>The settings this optimizer was created with.</summary>
    public abstract OptimizerOptions Options { get; }

    /// <summary>
    /// Updates <paramref name="parameters"/> in place from <paramref name="gradient"/> at learning rate
    /// <paramref name="learningRate"/> (the schedule's current value). Allocates nothing.
    /// </summary>
    public abstract void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate);

    /// <summary>Returns the state to what a fresh optimizer has (step count zero, buffers empty).</summary>
    public abstract void Reset();
}
