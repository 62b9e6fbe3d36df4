namespace DescentLab.Optimizers;

/// <summary>RMSprop: steps divided by the root of a running average of the squared gradient, optionally centered and with momentum.</summary>
/// <remarks>
/// g ← ∇f(θ) (−∇f(θ) when maximizing); g ← g + λθ; v ← αv + (1−α)g²; centered: ḡ ← αḡ + (1−α)g,
/// d ← √(v − ḡ²) + ε, else d ← √v + ε; with momentum b ← μb + g/d (b₀ = 0), θ ← θ − γb, else θ ← θ − γg/d.
/// Matches torch.optim.RMSprop (1.13, <c>_single_tensor_rmsprop</c>) operation for operation.
/// </remarks>
public sealed class Rmsprop : Optimizer
{
    private readonly RmspropOptions _options;

    /// <summary>Creates the optimizer with zero state for <paramref name="parameterCount"/> parameters.</summary>
    public Rmsprop(RmspropOptions options, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        State = new RmspropState(parameterCount);
    }

    /// <inheritdoc/>
    public override RmspropOptions Options => _options;

    /// <summary>The optimizer's running state.</summary>
    public RmspropState State { get; }

    /// <inheritdoc/>
    public override void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate) =>
        Update(_options, learningRate, State, parameters, gradient);

    /// <inheritdoc/>
    public override void Reset() => State.Reset();

    /// <summary>One RMSprop step: updates <paramref name="parameters"/> and <paramref name="state"/> in place. Allocates nothing.</summary>
    /// <remarks>
    /// torch's CPU <c>add(other, alpha)</c> and <c>addcmul(t1, t2, value)</c> round <c>self + alpha·other</c> and
    /// <c>self + (value·t1)·t2</c> once (a fused multiply-add), while <c>addcdiv</c> computes <c>self + (value·t1)/t2</c>
    /// in three roundings; the loop below does the same, in the same order.
    /// </remarks>
    public static void Update(
        RmspropOptions options,
        double learningRate,
        RmspropState state,
        Span<double> parameters,
        ReadOnlySpan<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentChecks.Lengths(state.ParameterCount, parameters, gradient);

        var alpha = options.Alpha;
        var oneMinusAlpha = 1 - alpha;
        var epsilon = options.Epsilon;
        var weightDecay = options.WeightDecay;
        var momentum = options.Momentum;
        var centered = options.Centered;
        var maximize = options.Maximize;
        var negativeLearningRate = -learningRate;
        var squareAvg = state.SquareAvg;
        var gradAvg = state.GradAvg;
        var buffer = state.MomentumBuffer;
        state.StepCount++;

        for (var i = 0; i < parameters.Length; i++)
        {
            var g = maximize ? -gradient[i] : gradient[i];
            if (weightDecay != 0)
            {
                g = Math.FusedMultiplyAdd(weightDecay, parameters[i], g);
            }

            var v = Math.FusedMultiplyAdd(oneMinusAlpha * g, g, squareAvg[i] * alpha);
            squareAvg[i] = v;

            double avg;
            if (centered)
            {
                var mean = Math.FusedMultiplyAdd(oneMinusAlpha, g, gradAvg[i] * alpha);
                gradAvg[i] = mean;

                // square_avg.addcmul(grad_avg, grad_avg, value=-1): one rounding for v − ḡ².
                avg = Math.Sqrt(Math.FusedMultiplyAdd(-mean, mean, v));
            }
            else
            {
                avg = Math.Sqrt(v);
            }

            avg += epsilon;

            if (momentum > 0)
            {
                var b = (buffer[i] * momentum) + (g / avg);
                buffer[i] = b;
                parameters[i] = Math.FusedMultiplyAdd(negativeLearningRate, b, parameters[i]);
            }
            else
            {
                parameters[i] += negativeLearningRate * g / avg;
            }
        }
    }
}
