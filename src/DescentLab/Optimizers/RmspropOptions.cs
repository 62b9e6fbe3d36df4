namespace DescentLab.Optimizers;

/// <summary>The settings of <see cref="Rmsprop"/>, with the defaults and checks of torch.optim.RMSprop.</summary>
public sealed record RmspropOptions : OptimizerOptions
{
    /// <summary>The learning rate γ (torch: <c>lr</c>, default 1e-2).</summary>
    public override double LearningRate
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid learning rate", nameof(LearningRate));
    } = 1e-2;

    /// <summary>The smoothing constant α of the squared-gradient average (torch: <c>alpha</c>, default 0.99).</summary>
    /// <remarks>torch.optim.RMSprop only asks that it be at least zero.</remarks>
    public double Alpha
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid alpha value", nameof(Alpha));
    } = 0.99;

    /// <summary>The term ε added to the denominator (torch: <c>eps</c>, default 1e-8).</summary>
    public double Epsilon
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid epsilon value", nameof(Epsilon));
    } = 1e-8;

    /// <summary>The L2 penalty λ added to the gradient as λθ (torch: <c>weight_decay</c>, default 0).</summary>
    public double WeightDecay
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid weight_decay value", nameof(WeightDecay));
    }

    /// <summary>The momentum factor μ (torch: <c>momentum</c>, default 0: no momentum buffer).</summary>
    public double Momentum
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid momentum value", nameof(Momentum));
    }

    /// <summary>Whether to normalize by an estimate of the gradient's variance instead of its second moment (torch: <c>centered</c>, default false).</summary>
    public bool Centered { get; init; }

    /// <summary>Whether to maximize the objective instead of minimizing it (torch: <c>maximize</c>, default false).</summary>
    public bool Maximize { get; init; }

    /// <summary>A fresh <see cref="Rmsprop"/> for <paramref name="parameterCount"/> parameters.</summary>
    public override Rmsprop Create(int parameterCount) => new(this, parameterCount);
}
