namespace DescentLab.Optimizers;

/// <summary>The settings of <see cref="AdamW"/>, with the defaults and checks of torch.optim.AdamW.</summary>
public sealed record AdamWOptions : OptimizerOptions
{
    /// <summary>The learning rate γ (torch: <c>lr</c>, default 1e-3).</summary>
    public override double LearningRate
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid learning rate", nameof(LearningRate));
    } = 1e-3;

    /// <summary>The decay β₁ of the first-moment average, in [0, 1) (torch: <c>betas[0]</c>, default 0.9).</summary>
    public double Beta1
    {
        get;
        init => field = ArgumentChecks.UnitInterval(value, "Invalid beta parameter at index 0", nameof(Beta1));
    } = 0.9;

    /// <summary>The decay β₂ of the second-moment average, in [0, 1) (torch: <c>betas[1]</c>, default 0.999).</summary>
    public double Beta2
    {
        get;
        init => field = ArgumentChecks.UnitInterval(value, "Invalid beta parameter at index 1", nameof(Beta2));
    } = 0.999;

    /// <summary>The term ε added to the denominator (torch: <c>eps</c>, default 1e-8).</summary>
    public double Epsilon
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid epsilon value", nameof(Epsilon));
    } = 1e-8;

    /// <summary>The decoupled weight decay λ: θ shrinks by the factor 1 − γλ each step (torch: <c>weight_decay</c>, default 1e-2).</summary>
    public double WeightDecay
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid weight_decay value", nameof(WeightDecay));
    } = 1e-2;

    /// <summary>Whether to use the AMSGrad variant, normalizing by the running maximum of v (torch: <c>amsgrad</c>, default false).</summary>
    public bool Amsgrad { get; init; }

    /// <summary>Whether to maximize the objective instead of minimizing it (torch: <c>maximize</c>, default false).</summary>
    public bool Maximize { get; init; }

    /// <summary>A fresh <see cref="AdamW"/> for <paramref name="parameterCount"/> parameters.</summary>
    public override AdamW Create(int parameterCount) => new(this, parameterCount);
}
