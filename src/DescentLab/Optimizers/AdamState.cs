namespace DescentLab.Optimizers;

/// <summary>The state of <see cref="Adam"/> and <see cref="AdamW"/>: the step count and the moment averages.</summary>
public sealed class AdamState
{
    private readonly double[] _expAvg;
    private readonly double[] _expAvgSq;
    private readonly double[] _maxExpAvgSq;

    /// <summary>Creates the zero state for <paramref name="parameterCount"/> parameters.</summary>
    public AdamState(int parameterCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        _expAvg = new double[parameterCount];
        _expAvgSq = new double[parameterCount];
        _maxExpAvgSq = new double[parameterCount];
    }

    /// <summary>The number of parameters this state is for.</summary>
    public int ParameterCount => _expAvg.Length;

    /// <summary>The number of steps taken, t (torch: <c>state['step']</c>).</summary>
    public long StepCount { get; set; }

    /// <summary>The first-moment average m (torch: <c>exp_avg</c>).</summary>
    public Span<double> ExpAvg => _expAvg;

    /// <summary>The second-moment average v (torch: <c>exp_avg_sq</c>).</summary>
    public Span<double> ExpAvgSq => _expAvgSq;

    /// <summary>The running maximum of v, used with AMSGrad (torch: <c>max_exp_avg_sq</c>).</summary>
    public Span<double> MaxExpAvgSq => _maxExpAvgSq;

    /// <summary>Returns to the state of a fresh optimizer: step zero, averages zero.</summary>
    public void Reset()
    {
        StepCount = 0;
        Array.Clear(_expAvg);
        Array.Clear(_expAvgSq);
        Array.Clear(_maxExpAvgSq);
    }
}
