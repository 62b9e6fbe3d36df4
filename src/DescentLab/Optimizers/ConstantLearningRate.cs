namespace DescentLab.Optimizers;

/// <summary>No schedule: the learning rate stays at its initial value.</summary>
public sealed record ConstantLearningRate : LearningRateSchedule
{
    /// <inheritdoc/>
    public override LearningRateScheduler Create(double initialLearningRate) =>
        new Scheduler(ArgumentChecks.NonNegative(initialLearningRate, "Invalid learning rate", nameof(initialLearningRate)));

    private sealed class Scheduler(double learningRate) : LearningRateScheduler
    {
        public override double LearningRate { get; } = learningRate;

        public override void Step()
        {
        }
    }
}
