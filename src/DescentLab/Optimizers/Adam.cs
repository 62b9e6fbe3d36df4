using System.Numerics;
using System.Runtime.InteropServices;

namespace DescentLab.Optimizers;

/// <summary>Adam: steps scaled by bias-corrected running averages of the gradient and of its square.</summary>
/// <remarks>
/// g ← ∇f(θ) (−∇f(θ) when maximizing); g ← g + λθ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// v̂ ← max(v̂, v) with AMSGrad, else v̂ ← v; θ ← θ − (γ/(1−β₁ᵗ))·m / (√v̂/√(1−β₂ᵗ) + ε).
/// Matches torch.optim.Adam (1.13, <c>_single_tensor_adam</c>) operation for operation.
/// </remarks>
public sealed class Adam : Optimizer
{
    private readonly AdamOptions _options;

    /// <summary>Creates the optimizer with zero state for <paramref name="parameterCount"/> parameters.</summary>
    public Adam(AdamOptions options, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        State = new AdamState(parameterCount);
    }

    /// <inheritdoc/>
    public override AdamOptions Options => _options;

    /// <summary>The optimizer's running state.</summary>
    public AdamState State { get; }

    /// <inheritdoc/>
    public override void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate) =>
        Update(_options, learningRate, State, parameters, gradient);

    /// <inheritdoc/>
    public override void Reset() => State.Reset();

    /// <summary>One Adam step: updates <paramref name="parameters"/> and <paramref name="state"/> in place. Allocates nothing.</summary>
    /// <remarks>
    /// torch's CPU <c>add(other, alpha)</c> and <c>addcmul(t1, t2, value)</c> round <c>self + alpha·other</c> and
    /// <c>self + (value·t1)·t2</c> once (a fused multiply-add), while <c>addcdiv</c> computes <c>self + (value·t1)/t2</c>
    /// in three roundings; the loop below does the same, in the same order.
    /// </remarks>
    public static void Update(
        AdamOptions options,
        double learningRate,
        AdamState state,
        Span<double> parameters,
        ReadOnlySpan<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentChecks.Lengths(state.ParameterCount, parameters, gradient);

        // torch keeps the step in a float tensor and takes its .item(), so the powers are of doubles.
        var step = (double)++state.StepCount;
        var biasCorrection1 = 1 - Math.Pow(options.Beta1, step);
        var biasCorrection2 = 1 - Math.Pow(options.Beta2, step);
        var negativeStepSize = -(learningRate / biasCorrection1);
        var biasCorrection2Sqrt = Math.Sqrt(biasCorrection2);

        Moments(options.Beta1, options.Beta2, options.Maximize, options.WeightDecay, state, parameters, gradient);
        Apply(options.Amsgrad, options.Epsilon, negativeStepSize, biasCorrection2Sqrt, state, parameters);
    }

    /// <summary>Updates m and v from the (negated, decayed) gradient: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g².</summary>
    internal static void Moments(
        double beta1,
        double beta2,
        bool maximize,
        double weightDecay,
        AdamState state,
        ReadOnlySpan<double> parameters,
        ReadOnlySpan<double> gradient)
    {
        var oneMinusBeta1 = 1 - beta1;
        var oneMinusBeta2 = 1 - beta2;
        var expAvg = state.ExpAvg;
        var expAvgSq = state.ExpAvgSq;

        // Per element, with fused multiply-adds that round once on vectors as in Math.FusedMultiplyAdd: the vector loop
        // gives the scalar loop's bits, and the scalar loop takes the elements that do not fill a vector.
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var v = Vector<double>.Count;
            var decay = new Vector<double>(weightDecay);
            var b1 = new Vector<double>(beta1);
            var b2 = new Vector<double>(beta2);
            var c1 = new Vector<double>(oneMinusBeta1);
            var c2 = new Vector<double>(oneMinusBeta2);
            ref var p0 = ref MemoryMarshal.GetReference(parameters);
            ref var g0 = ref MemoryMarshal.GetReference(gradient);
            ref var m0 = ref MemoryMarshal.GetReference(expAvg);
            ref var s0 = ref MemoryMarshal.GetReference(expAvgSq);
            for (; i + v <= gradient.Length; i += v)
            {
                var at = (nuint)i;
                var g = Vector.LoadUnsafe(ref g0, at);
                if (maximize)
                {
                    g = -g;
                }

                if (weightDecay != 0)
                {
                    g = Vector.FusedMultiplyAdd(decay, Vector.LoadUnsafe(ref p0, at), g);
                }

                Vector.FusedMultiplyAdd(c1, g, Vector.LoadUnsafe(ref m0, at) * b1).StoreUnsafe(ref m0, at);
                Vector.FusedMultiplyAdd(c2 * g, g, Vector.LoadUnsafe(ref s0, at) * b2).StoreUnsafe(ref s0, at);
            }
        }

        for (; i < gradient.Length; i++)
        {
            var g = maximize ? -gradient[i] : gradient[i];
            if (weightDecay != 0)
            {
                g = Math.FusedMultiplyAdd(weightDecay, parameters[i], g);
            }

            expAvg[i] = Math.FusedMultiplyAdd(oneMinusBeta1, g, expAvg[i] * beta1);
            expAvgSq[i] = Math.FusedMultiplyAdd(oneMinusBeta2 * g, g, expAvgSq[i] * beta2);
        }
    }

    /// <summary>Moves θ: θ ← θ + (−step size·m)/(√v̂/√(1−β₂ᵗ) + ε), with v̂ the running maximum of v under AMSGrad.</summary>
    internal static void Apply(
        bool amsgrad,
        double epsilon,
        double negativeStepSize,
        double biasCorrection2Sqrt,
        AdamState state,
        Span<double> parameters)
    {
        var expAvg = state.ExpAvg;
        var expAvgSq = state.ExpAvgSq;
        var maxExpAvgSq = state.MaxExpAvgSq;
        var i = 0;
        if (Vector.IsHardwareAccelerated && !amsgrad)
        {
            // Square root and division round correctly on vectors as in Math.Sqrt and '/', so the bits are the scalar
            // loop's. AMSGrad's running maximum stays scalar: Math.Max's NaN rule is the one torch.maximum follows.
            var v = Vector<double>.Count;
            var step = new Vector<double>(negativeStepSize);
            var correction = new Vector<double>(biasCorrection2Sqrt);
            var eps = new Vector<double>(epsilon);
            ref var p0 = ref MemoryMarshal.GetReference(parameters);
            ref var m0 = ref MemoryMarshal.GetReference(expAvg);
            ref var s0 = ref MemoryMarshal.GetReference(expAvgSq);
            for (; i + v <= parameters.Length; i += v)
            {
                var at = (nuint)i;
                var denominator = (Vector.SquareRoot(Vector.LoadUnsafe(ref s0, at)) / correction) + eps;
                (Vector.LoadUnsafe(ref p0, at) + (step * Vector.LoadUnsafe(ref m0, at) / denominator)).StoreUnsafe(ref p0, at);
            }
        }

        for (; i < parameters.Length; i++)
        {
            var v = expAvgSq[i];
            if (amsgrad)
            {
                v = Math.Max(maxExpAvgSq[i], v);
                maxExpAvgSq[i] = v;
            }

            var denominator = (Math.Sqrt(v) / biasCorrection2Sqrt) + epsilon;
            parameters[i] += negativeStepSize * expAvg[i] / denominator;
        }
    }
}
