namespace DescentLab.Optimizers;

/// <summary>The state of <see cref="Sgd"/>: the momentum buffer, which exists only after the first step with momentum.</summary>
public sealed class SgdState
{
    private readonly double[] _momentumBuffer;

    /// <summary>Creates the empty state for <paramref name="parameterCount"/> parameters.</summary>
    public SgdState(int parameterCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        _momentumBuffer = new double[parameterCount];
    }

    /// <summary>The number of parameters this state is for.</summary>
    public int ParameterCount => _momentumBuffer.Length;

    /// <summary>Whether the momentum buffer has been seeded (torch: <c>'momentum_buffer' in state</c>).</summary>
    public bool HasMomentumBuffer { get; set; }

    /// <summary>The momentum buffer b, meaningful only when <see cref="HasMomentumBuffer"/> is set.</summary>
    public Span<double> MomentumBuffer => _momentumBuffer;

    /// <summary>Returns to the state of a fresh optimizer: no momentum buffer.</summary>
    public void Reset()
    {
        HasMomentumBuffer = false;
        Array.Clear(_momentumBuffer);
    }
}
