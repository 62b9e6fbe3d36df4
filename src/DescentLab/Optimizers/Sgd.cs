using System.Numerics;
using System.Runtime.InteropServices;

namespace DescentLab.Optimizers;

/// <summary>Stochastic gradient descent, optionally with momentum, Nesterov momentum, weight decay and maximization.</summary>
/// <remarks>
/// g ← ∇f(θ) (−∇f(θ) when maximizing); g ← g + λθ; b ← μb + (1−τ)g (b₁ = g); g ← g + μb with Nesterov, else
/// g ← b; θ ← θ − γg. Matches torch.optim.SGD (1.13, <c>_single_tensor_sgd</c>) operation for operation.
/// </remarks>
public sealed class Sgd : Optimizer
{
    private readonly SgdOptions _options;

    /// <summary>Creates the optimizer with empty state for <paramref name="parameterCount"/> parameters.</summary>
    /// <exception cref="ArgumentException">Nesterov is set without a positive momentum and zero dampening.</exception>
    public Sgd(SgdOptions options, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.CheckNesterov();
        _options = options;
        State = new SgdState(parameterCount);
    }

    /// <inheritdoc/>
    public override SgdOptions Options => _options;

    /// <summary>The optimizer's running state.</summary>
    public SgdState State { get; }

    /// <inheritdoc/>
    public override void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate) =>
        Update(_options, learningRate, State, parameters, gradient);

    /// <inheritdoc/>
    public override void Reset() => State.Reset();

    /// <summary>One SGD step: updates <paramref name="parameters"/> and <paramref name="state"/> in place. Allocates nothing.</summary>
    /// <remarks>
    /// torch's CPU <c>add(other, alpha)</c> rounds <c>self + alpha·other</c> once (a fused multiply-add, in its vector
    /// path and, on the AVX2 build, in its scalar tail too), so every such add here is <see cref="Math.FusedMultiplyAdd"/>.
    /// </remarks>
    public static void Update(
        SgdOptions options,
        double learningRate,
        SgdState state,
        Span<double> parameters,
        ReadOnlySpan<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentChecks.Lengths(state.ParameterCount, parameters, gradient);

        var weightDecay = options.WeightDecay;
        var momentum = options.Momentum;
        var keep = 1 - options.Dampening;
        var nesterov = options.Nesterov;
        var maximize = options.Maximize;
        var negativeLearningRate = -learningRate;
        var buffer = state.MomentumBuffer;

        // PyTorch seeds the buffer with the first gradient, not zeros, and does not dampen that first one.
        var seed = !state.HasMomentumBuffer;

        // Every operation is per element and fused multiply-adds round once on vectors as in Math.FusedMultiplyAdd, so the
        // vector loop gives the scalar loop's bits; the scalar loop takes the elements that do not fill a vector.
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var v = Vector<double>.Count;
            var decay = new Vector<double>(weightDecay);
            var beta = new Vector<double>(momentum);
            var keepVector = new Vector<double>(keep);
            var step = new Vector<double>(negativeLearningRate);
            ref var p0 = ref MemoryMarshal.GetReference(parameters);
            ref var g0 = ref MemoryMarshal.GetReference(gradient);
            ref var b0 = ref MemoryMarshal.GetReference(buffer);
            for (; i + v <= parameters.Length; i += v)
            {
                var at = (nuint)i;
                var p = Vector.LoadUnsafe(ref p0, at);
                var d = Vector.LoadUnsafe(ref g0, at);
                if (maximize)
                {
                    d = -d;
                }

                if (weightDecay != 0)
                {
                    d = Vector.FusedMultiplyAdd(decay, p, d);
                }

                if (momentum != 0)
                {
                    var b = seed ? d : Vector.FusedMultiplyAdd(keepVector, d, Vector.LoadUnsafe(ref b0, at) * beta);
                    b.StoreUnsafe(ref b0, at);
                    d = nesterov ? Vector.FusedMultiplyAdd(beta, b, d) : b;
                }

                Vector.FusedMultiplyAdd(step, d, p).StoreUnsafe(ref p0, at);
            }
        }

        for (; i < parameters.Length; i++)
        {
            var d = maximize ? -gradient[i] : gradient[i];
            if (weightDecay != 0)
            {
                d = Math.FusedMultiplyAdd(weightDecay, parameters[i], d);
            }

            if (momentum != 0)
            {
                var b = seed ? d : Math.FusedMultiplyAdd(keep, d, buffer[i] * momentum);
                buffer[i] = b;
                d = nesterov ? Math.FusedMultiplyAdd(momentum, b, d) : b;
            }

            parameters[i] = Math.FusedMultiplyAdd(negativeLearningRate, d, parameters[i]);
        }

        if (momentum != 0)
        {
            state.HasMomentumBuffer = true;
        }
    }
}
