namespace DescentLab.Optimizers;

/// <summary>The running state of a schedule: the current learning rate, advanced by <see cref="Step"/> at each epoch's end.</summary>
public abstract class LearningRateScheduler
{
    /// <summary>The learning rate for the coming steps.</summary>
    public abstract double LearningRate { get; }

    /// <summary>Advances one epoch, as <c>scheduler.step()</c> after an epoch in PyTorch.</summary>
    public abstract void Step();
}
