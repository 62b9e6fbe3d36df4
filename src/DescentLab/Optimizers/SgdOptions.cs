namespace DescentLab.Optimizers;

/// <summary>The settings of <see cref="Sgd"/>, with the defaults and checks of torch.optim.SGD.</summary>
/// <remarks>
/// torch.optim.SGD has no default learning rate (<c>lr</c> is required); ours is 1e-3, the value the seed notebook uses.
/// Each value is checked as it is set; the rule that Nesterov momentum needs a momentum and zero dampening involves
/// three properties, so it is checked when the optimizer is created (<see cref="Create"/>), as an object initializer
/// or <c>with</c> expression sets them one at a time.
/// </remarks>
public sealed record SgdOptions : OptimizerOptions
{
    /// <summary>The learning rate γ (torch: <c>lr</c>, required there; 1e-3 here).</summary>
    public override double LearningRate
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid learning rate", nameof(LearningRate));
    } = 1e-3;

    /// <summary>The momentum factor μ (torch: <c>momentum</c>, default 0: no momentum buffer).</summary>
    public double Momentum
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid momentum value", nameof(Momentum));
    }

    /// <summary>The dampening τ applied to the gradient added to the momentum buffer (torch: <c>dampening</c>, default 0).</summary>
    /// <remarks>torch.optim.SGD does not check it: any finite value is accepted.</remarks>
    public double Dampening { get; init; }

    /// <summary>Whether to use Nesterov momentum (torch: <c>nesterov</c>, default false).</summary>
    public bool Nesterov { get; init; }

    /// <summary>The L2 penalty λ added to the gradient as λθ (torch: <c>weight_decay</c>, default 0).</summary>
    public double WeightDecay
    {
        get;
        init => field = ArgumentChecks.NonNegative(value, "Invalid weight_decay value", nameof(WeightDecay));
    }

    /// <summary>Whether to maximize the objective instead of minimizing it (torch: <c>maximize</c>, default false).</summary>
    public bool Maximize { get; init; }

    /// <summary>A fresh <see cref="Sgd"/> for <paramref name="parameterCount"/> parameters.</summary>
    /// <exception cref="ArgumentException">Nesterov is set without a positive momentum and zero dampening.</exception>
    public override Sgd Create(int parameterCount) => new(this, parameterCount);

    /// <summary>Throws torch's error if Nesterov is set without a positive momentum and zero dampening.</summary>
    internal void CheckNesterov()
    {
        if (Nesterov && (Momentum <= 0 || Dampening != 0))
        {
            throw SettingError.Attach(new ArgumentException("Nesterov momentum requires a momentum and zero dampening", nameof(Nesterov)), "nesterov", "Nesterov momentum requires a momentum and zero dampening");
        }
    }
}
