namespace DescentLab.Optimizers;

/// <summary>The state of <see cref="Adagrad"/>: the step count and the per-parameter sum of squared gradients.</summary>
public sealed class AdagradState
{
    private readonly double[] _sum;

    /// <summary>Creates the state for <paramref name="parameterCount"/> parameters, the sum starting at <paramref name="initialAccumulatorValue"/>.</summary>
    public AdagradState(int parameterCount, double initialAccumulatorValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        InitialAccumulatorValue = initialAccumulatorValue;
        _sum = new double[parameterCount];
        Reset();
    }

    /// <summary>The number of parameters this state is for.</summary>
    public int ParameterCount => _sum.Length;

    /// <summary>The value <see cref="Sum"/> starts from.</summary>
    public double InitialAccumulatorValue { get; }

    /// <summary>The number of steps taken, t (torch: <c>state['step']</c>).</summary>
    public long StepCount { get; set; }

    /// <summary>The sum s of squared gradients (torch: <c>sum</c>).</summary>
    public Span<double> Sum => _sum;

    /// <summary>Returns to the state of a fresh optimizer: step zero, the sum at its initial value.</summary>
    public void Reset()
    {
        StepCount = 0;
        Array.Fill(_sum, InitialAccumulatorValue);
    }
}
