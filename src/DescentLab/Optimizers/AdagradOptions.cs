namespace DescentLab.Optimizers;

/// <summary>The settings of <see cref="Adagrad"/>, with the defaults and checks of torch.optim.Adagrad.</summary>
public sealed record AdagradOptions : OptimizerOptions
{
    /// <summary>The learning rate γ (torch: <c>lr</c>, default 1e-2).</summary>
    public override double LearningRate
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid learning rate", nameof(LearningRate));
    } = 1e-2;

    /// <summary>The learning-rate decay η: step t uses γ/(1 + (t−1)η) (torch: <c>lr_decay</c>, default 0).</summary>
    public double LearningRateDecay
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid lr_decay value", nameof(LearningRateDecay));
    }

    /// <summary>The L2 penalty λ added to the gradient as λθ (torch: <c>weight_decay</c>, default 0).</summary>
    public double WeightDecay
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid weight_decay value", nameof(WeightDecay));
    }

    /// <summary>The value the sum of squared gradients starts from (torch: <c>initial_accumulator_value</c>, default 0).</summary>
    public double InitialAccumulatorValue
    {
        get;
        init => field = ArgumentChecks.NonNegative(
            value, "Invalid initial_accumulator_value value", nameof(InitialAccumulatorValue));
    }

    /// <summary>The term ε added to the denominator (torch: <c>eps</c>, default 1e-10).</summary>
    public double Epsilon
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid epsilon value", nameof(Epsilon));
    } = 1e-10;

    /// <summary>Whether to maximize the objective instead of minimizing it (torch: <c>maximize</c>, default false).</summary>
    public bool Maximize { get; init; }

    /// <summary>A fresh <see cref="Adagrad"/> for <paramref name="parameterCount"/> parameters.</summary>
    public override Adagrad Create(int parameterCount) => new(this, parameterCount);
}
