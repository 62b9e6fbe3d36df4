namespace DescentLab.Optimizers;

/// <summary>Anneals the learning rate from its initial value to <see cref="EtaMin"/> along a half cosine over <see cref="TMax"/> epochs, then back up, periodically.</summary>
/// <remarks>
/// Recursively, as torch.optim.lr_scheduler.CosineAnnealingLR's <c>get_lr</c> (the chainable form
/// <c>scheduler.step()</c> uses, not <c>_get_closed_form_lr</c>), stepped once per epoch e:
/// γₑ = η + (γₑ₋₁ − η)·(1 + cos(πe/T))/(1 + cos(π(e−1)/T)), except when (e − 1 − T) is a multiple of 2T, where
/// γₑ = γₑ₋₁ + (γ₀ − η)(1 − cos(π/T))/2. Without rounding this equals η + (γ₀ − η)(1 + cos(πe/T))/2. (torch's third
/// branch, for a scheduler resumed at a given <c>last_epoch</c>, does not arise: a scheduler here starts at epoch 0.)
/// </remarks>
public sealed record CosineAnnealingLR : LearningRateSchedule
{
    /// <summary>The half period T, in epochs (torch: <c>T_max</c>, required), at least 1.</summary>
    public required int TMax
    {
        get;
        init => field = value >= 1
            ? value
            : throw ArgumentChecks.OutOfRange(value, "Invalid T_max value", nameof(TMax));
    }

    /// <summary>The minimum learning rate η (torch: <c>eta_min</c>, default 0), at least zero.</summary>
    public double EtaMin
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid eta_min value", nameof(EtaMin));
    }

    /// <inheritdoc/>
    public override LearningRateScheduler Create(double initialLearningRate) => new Scheduler(
        this, ArgumentChecks.NonNegative(initialLearningRate, "Invalid learning rate", nameof(initialLearningRate)));

    private sealed class Scheduler(CosineAnnealingLR schedule, double initialLearningRate) : LearningRateScheduler
    {
        private readonly double _baseLearningRate = initialLearningRate;
        private double _learningRate = initialLearningRate;
        private int _epoch;

        public override double LearningRate => _learningRate;

        public override void Step()
        {
            _epoch++;
            var e = _epoch;
            var t = schedule.TMax;
            var etaMin = schedule.EtaMin;

            // Written term by term as torch writes it, so that every rounding is the same; at e − 1 = T (mod 2T) the
            // ratio's denominator 1 + cos(π(e−1)/T) would be zero, hence torch's separate branch.
            if ((e - 1 - t) % (2 * t) == 0)
            {
                _learningRate += (_baseLearningRate - etaMin) * (1 - Math.Cos(Math.PI / t)) / 2;
            }
            else
            {
                _learningRate = ((1 + Math.Cos(Math.PI * e / t)) / (1 + Math.Cos(Math.PI * (e - 1) / t))
                    * (_learningRate - etaMin)) + etaMin;
            }
        }
    }
}
