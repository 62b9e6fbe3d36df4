namespace DescentLab.Optimizers;

/// <summary>The state of <see cref="Rmsprop"/>: the step count, the running averages and the momentum buffer.</summary>
public sealed class RmspropState
{
    private readonly double[] _squareAvg;
    private readonly double[] _gradAvg;
    private readonly double[] _momentumBuffer;

    /// <summary>Creates the zero state for <paramref name="parameterCount"/> parameters.</summary>
    public RmspropState(int parameterCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        _squareAvg = new double[parameterCount];
        _gradAvg = new double[parameterCount];
        _momentumBuffer = new double[parameterCount];
    }

    /// <summary>The number of parameters this state is for.</summary>
    public int ParameterCount => _squareAvg.Length;

    /// <summary>The number of steps taken (torch: <c>state['step']</c>; RMSprop keeps it but does not use it).</summary>
    public long StepCount { get; set; }

    /// <summary>The running average v of the squared gradient (torch: <c>square_avg</c>).</summary>
    public Span<double> SquareAvg => _squareAvg;

    /// <summary>The running average ḡ of the gradient, used when centered (torch: <c>grad_avg</c>).</summary>
    public Span<double> GradAvg => _gradAvg;

    /// <summary>The momentum buffer b, used with momentum (torch: <c>momentum_buffer</c>, zeros at first).</summary>
    public Span<double> MomentumBuffer => _momentumBuffer;

    /// <summary>Returns to the state of a fresh optimizer: step zero, averages and buffer zero.</summary>
    public void Reset()
    {
        StepCount = 0;
        Array.Clear(_squareAvg);
        Array.Clear(_gradAvg);
        Array.Clear(_momentumBuffer);
    }
}
