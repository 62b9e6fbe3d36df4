namespace DescentLab.Training;

/// <summary>Fills the columns of a <see cref="Trajectory"/> row by row; sized up front so recording allocates nothing.</summary>
internal sealed class TrajectoryRecorder
{
    private readonly IReadOnlyList<string> _names;
    private readonly long[] _step;
    private readonly double[] _epoch;
    private readonly long[] _samples;
    private readonly double[] _batchLoss;
    private readonly double[] _loss;
    private readonly double[] _gradientNorm;
    private readonly double[][] _parameters;
    private int _count;

    public TrajectoryRecorder(IReadOnlyList<string> parameterNames, int capacity)
    {
        _names = parameterNames;
        _step = new long[capacity];
        _epoch = new double[capacity];
        _samples = new long[capacity];
        _batchLoss = new double[capacity];
        _loss = new double[capacity];
        _gradientNorm = new double[capacity];
        _parameters = new double[parameterNames.Count][];
        for (var j = 0; j < _parameters.Length; j++)
        {
            _parameters[j] = new double[capacity];
        }
    }

    public void Record(long step, double epoch, long samples, double batchLoss, double loss, double gradientNorm, ReadOnlySpan<double> theta)
    {
        var row = _count++;
        _step[row] = step;
        _epoch[row] = epoch;
        _samples[row] = samples;
        _batchLoss[row] = batchLoss;
        _loss[row] = loss;
        _gradientNorm[row] = gradientNorm;
        for (var j = 0; j < _parameters.Length; j++)
        {
            _parameters[j][row] = theta[j];
        }
    }

    public IReadOnlyList<int[]>? KeptBatches { get; set; }

    public Trajectory Build(long? divergedAtStep, string? reason, double divergenceThreshold)
    {
        var n = _count;
        if (n == _step.Length)
        {
            // Sized exactly: hand the columns over instead of copying them.
            return new Trajectory(_names, _step, _epoch, _samples, _batchLoss, _loss, _gradientNorm, _parameters, divergedAtStep, reason, KeptBatches) { DivergenceThreshold = divergenceThreshold };
        }

        return new Trajectory(
            _names,
            _step.AsSpan(0, n).ToArray(),
            _epoch.AsSpan(0, n).ToArray(),
            _samples.AsSpan(0, n).ToArray(),
            _batchLoss.AsSpan(0, n).ToArray(),
            _loss.AsSpan(0, n).ToArray(),
            _gradientNorm.AsSpan(0, n).ToArray(),
            [.. _parameters.Select(c => c.AsSpan(0, n).ToArray())],
            divergedAtStep,
            reason,
            KeptBatches)
        {
            DivergenceThreshold = divergenceThreshold,
        };
    }
}
