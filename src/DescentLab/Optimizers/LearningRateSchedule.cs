namespace DescentLab.Optimizers;

/// <summary>A learning-rate schedule's settings, with torch.optim.lr_scheduler semantics, stepped once per epoch.</summary>
public abstract record LearningRateSchedule
{
    /// <summary>A fresh scheduler starting from <paramref name="initialLearningRate"/>.</summary>
    public abstract LearningRateScheduler Create(double initialLearningRate);
}
