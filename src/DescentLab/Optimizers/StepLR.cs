namespace DescentLab.Optimizers;

/// <summary>Multiplies the learning rate by γ every <see cref="StepSize"/> epochs.</summary>
/// <remarks>
/// γₑ = γₑ₋₁·γ when e is a multiple of the step size, else γₑ = γₑ₋₁. Matches torch.optim.lr_scheduler.StepLR stepped
/// once per epoch (its recursive <c>get_lr</c>, not <c>_get_closed_form_lr</c>).
/// </remarks>
public sealed record StepLR : LearningRateSchedule
{
    /// <summary>The period, in epochs, of the decay (torch: <c>step_size</c>, required), at least 1.</summary>
    public required int StepSize
    {
        get;
        init => field = value >= 1
            ? value
            : throw ArgumentChecks.OutOfRange(value, "Invalid step_size value", nameof(StepSize));
    }

    /// <summary>The factor γ applied at each decay (torch: <c>gamma</c>, default 0.1), at least zero.</summary>
    public double Gamma
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid gamma value", nameof(Gamma));
    } = 0.1;

    /// <inheritdoc/>
    public override LearningRateScheduler Create(double initialLearningRate) => new Scheduler(
        this, ArgumentChecks.NonNegative(initialLearningRate, "Invalid learning rate", nameof(initialLearningRate)));

    private sealed class Scheduler(StepLR schedule, double learningRate) : LearningRateScheduler
    {
        private int _epoch;

        public override double LearningRate => learningRate;

        public override void Step()
        {
            _epoch++;
            if (_epoch % schedule.StepSize == 0)
            {
                learningRate *= schedule.Gamma;
            }
        }
    }
}
