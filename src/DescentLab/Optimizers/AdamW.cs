namespace DescentLab.Optimizers;

/// <summary>AdamW: Adam with decoupled weight decay, which shrinks θ directly instead of adding λθ to the gradient.</summary>
/// <remarks>
/// θ ← θ(1 − γλ); g ← ∇f(θ) (−∇f(θ) when maximizing); m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// v̂ ← max(v̂, v) with AMSGrad, else v̂ ← v; θ ← θ − (γ/(1−β₁ᵗ))·m / (√v̂/√(1−β₂ᵗ) + ε).
/// Matches torch.optim.AdamW (1.13, <c>_single_tensor_adamw</c>) operation for operation.
/// </remarks>
public sealed class AdamW : Optimizer
{
    private readonly AdamWOptions _options;

    /// <summary>Creates the optimizer with zero state for <paramref name="parameterCount"/> parameters.</summary>
    public AdamW(AdamWOptions options, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        State = new AdamState(parameterCount);
    }

    /// <inheritdoc/>
    public override AdamWOptions Options => _options;

    /// <summary>The optimizer's running state (the same as Adam's).</summary>
    public AdamState State { get; }

    /// <inheritdoc/>
    public override void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate) =>
        Update(_options, learningRate, State, parameters, gradient);

    /// <inheritdoc/>
    public override void Reset() => State.Reset();

    /// <summary>One AdamW step: updates <paramref name="parameters"/> and <paramref name="state"/> in place. Allocates nothing.</summary>
    public static void Update(
        AdamWOptions options,
        double learningRate,
        AdamState state,
        Span<double> parameters,
        ReadOnlySpan<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentChecks.Lengths(state.ParameterCount, parameters, gradient);

        var step = (double)++state.StepCount;

        // The decay comes first and only through θ; the gradient itself is not decayed.
        var shrink = 1 - (learningRate * options.WeightDecay);
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] *= shrink;
        }

        Adam.Moments(options.Beta1, options.Beta2, options.Maximize, 0, state, parameters, gradient);

        var biasCorrection1 = 1 - Math.Pow(options.Beta1, step);
        var biasCorrection2 = 1 - Math.Pow(options.Beta2, step);
        var negativeStepSize = -(learningRate / biasCorrection1);
        Adam.Apply(options.Amsgrad, options.Epsilon, negativeStepSize, Math.Sqrt(biasCorrection2), state, parameters);
    }
}
