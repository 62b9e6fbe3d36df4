namespace DescentLab.Optimizers;

/// <summary>Adagrad: steps divided by the root of each parameter's accumulated squared gradients.</summary>
/// <remarks>
/// γₜ ← γ/(1 + (t−1)η); g ← ∇f(θ) (−∇f(θ) when maximizing); g ← g + λθ; s ← s + g² (s₀ = initial accumulator value);
/// θ ← θ − γₜ·g/(√s + ε). Matches torch.optim.Adagrad (1.13, <c>_single_tensor_adagrad</c>, dense gradients)
/// operation for operation.
/// </remarks>
public sealed class Adagrad : Optimizer
{
    private readonly AdagradOptions _options;

    /// <summary>Creates the optimizer with fresh state for <paramref name="parameterCount"/> parameters.</summary>
    public Adagrad(AdagradOptions options, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        State = new AdagradState(parameterCount, options.InitialAccumulatorValue);
    }

    /// <inheritdoc/>
    public override AdagradOptions Options => _options;

    /// <summary>The optimizer's running state.</summary>
    public AdagradState State { get; }

    /// <inheritdoc/>
    public override void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate) =>
        Update(_options, learningRate, State, parameters, gradient);

    /// <inheritdoc/>
    public override void Reset() => State.Reset();

    /// <summary>One Adagrad step: updates <paramref name="parameters"/> and <paramref name="state"/> in place. Allocates nothing.</summary>
    /// <remarks>
    /// torch's CPU <c>add(other, alpha)</c> and <c>addcmul(t1, t2, value)</c> round once (a fused multiply-add), while
    /// <c>addcdiv(t1, t2, value)</c> computes <c>self + (value·t1)/t2</c> in three roundings; the loop does the same.
    /// </remarks>
    public static void Update(
        AdagradOptions options,
        double learningRate,
        AdagradState state,
        Span<double> parameters,
        ReadOnlySpan<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentChecks.Lengths(state.ParameterCount, parameters, gradient);

        var weightDecay = options.WeightDecay;
        var epsilon = options.Epsilon;
        var maximize = options.Maximize;
        var sum = state.Sum;

        // torch keeps the step in a float tensor and takes its .item(): this is double arithmetic.
        var step = (double)++state.StepCount;
        var negativeClr = -(learningRate / (1 + ((step - 1) * options.LearningRateDecay)));

        for (var i = 0; i < parameters.Length; i++)
        {
            var g = maximize ? -gradient[i] : gradient[i];
            if (weightDecay != 0)
            {
                g = Math.FusedMultiplyAdd(weightDecay, parameters[i], g);
            }

            var s = Math.FusedMultiplyAdd(g, g, sum[i]);
            sum[i] = s;
            parameters[i] += negativeClr * g / (Math.Sqrt(s) + epsilon);
        }
    }
}
