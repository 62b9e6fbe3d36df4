namespace DescentLab.Optimizers;

/// <summary>Multiplies the learning rate by γ every epoch.</summary>
/// <remarks>
/// γₑ = γₑ₋₁·γ. Matches torch.optim.lr_scheduler.ExponentialLR stepped once per epoch (its recursive <c>get_lr</c>, a
/// running product, not the closed form γ₀·γᵉ, which rounds differently).
/// </remarks>
public sealed record ExponentialLR : LearningRateSchedule
{
    /// <summary>The factor γ applied each epoch (torch: <c>gamma</c>, required), at least zero.</summary>
    public required double Gamma
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid gamma value", nameof(Gamma));
    }

    /// <inheritdoc/>
    public override LearningRateScheduler Create(double initialLearningRate) => new Scheduler(
        Gamma, ArgumentChecks.NonNegative(initialLearningRate, "Invalid learning rate", nameof(initialLearningRate)));

    private sealed class Scheduler(double gamma, double learningRate) : LearningRateScheduler
    {
        public override double LearningRate => learningRate;

        public override void Step() => learningRate *= gamma;
    }
}
