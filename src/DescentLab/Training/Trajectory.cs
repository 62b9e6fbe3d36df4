namespace DescentLab.Training;

/// <summary>
/// What one run recorded, as columns: one row for the initial point (step 0), then one per recorded step.
/// </summary>
/// <remarks>
/// Row k &gt; 0 holds, for update number <c>Step[k]</c>: the batch loss and gradient norm at the parameters the update
/// started from (what PyTorch's <c>loss.item()</c> reports in the loop), and θ and the full-data loss after the
/// update. Row 0 holds θ₀ and L(θ₀), with batch loss and gradient norm NaN.
/// </remarks>
public sealed class Trajectory
{
    private readonly long[] _step;
    private readonly double[] _epoch;
    private readonly long[] _samples;
    private readonly double[] _batchLoss;
    private readonly double[] _loss;
    private readonly double[] _gradientNorm;
    private readonly double[][] _parameters;

    internal Trajectory(
        IReadOnlyList<string> parameterNames,
        long[] step,
        double[] epoch,
        long[] samples,
        double[] batchLoss,
        double[] loss,
        double[] gradientNorm,
        double[][] parameters,
        long? divergedAtStep,
        string? divergenceReason,
        IReadOnlyList<int[]>? keptBatches = null)
    {
        KeptBatches = keptBatches;
        ParameterNames = parameterNames;
        _step = step;
        _epoch = epoch;
        _samples = samples;
        _batchLoss = batchLoss;
        _loss = loss;
        _gradientNorm = gradientNorm;
        _parameters = parameters;
        DivergedAtStep = divergedAtStep;
        DivergenceReason = divergenceReason;
    }

    /// <summary>The parameters' names, in parameter order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The number of rows.</summary>
    public int Count => _step.Length;

    /// <summary>The number of parameters.</summary>
    public int ParameterCount => _parameters.Length;

    /// <summary>Updates taken when the row was recorded (0 for the initial point).</summary>
    public ReadOnlySpan<long> Step => _step;

    /// <summary>Epochs completed, fractional: step within the epoch over steps per epoch.</summary>
    public ReadOnlySpan<double> Epoch => _epoch;

    /// <summary>Samples processed so far (the sum of batch sizes).</summary>
    public ReadOnlySpan<long> Samples => _samples;

    /// <summary>The loss of the step's batch at the parameters the step started from; NaN in row 0.</summary>
    public ReadOnlySpan<double> BatchLoss => _batchLoss;

    /// <summary>The full-data loss L(θ) after the step.</summary>
    public ReadOnlySpan<double> Loss => _loss;

    /// <summary>The Euclidean norm of the batch gradient the step used; NaN in row 0.</summary>
    public ReadOnlySpan<double> GradientNorm => _gradientNorm;

    /// <summary>The column of parameter <paramref name="index"/> (θ after each step).</summary>
    public ReadOnlySpan<double> Parameter(int index) => _parameters[index];

    /// <summary>θ at row <paramref name="row"/>, copied into <paramref name="destination"/>.</summary>
    public void ParametersAt(int row, Span<double> destination)
    {
        for (var j = 0; j < _parameters.Length; j++)
        {
            destination[j] = _parameters[j][row];
        }
    }

    /// <summary>The update after which θ or the full-data loss stopped being finite or passed the threshold; null if the run did not diverge.</summary>
    public long? DivergedAtStep { get; }

    /// <summary>The full-data loss above which the run counts as diverged: the divergence factor × max(L(θ₀), L*).</summary>
    public double DivergenceThreshold { get; init; } = double.PositiveInfinity;

    /// <summary>Why the run was stopped as diverged; null if it did not diverge.</summary>
    public string? DivergenceReason { get; }

    /// <summary>The batches (sample indices) of the epoch named by <see cref="TrainingOptions.KeepBatchesOfEpoch"/>; null if none was kept or the run ended before it.</summary>
    public IReadOnlyList<int[]>? KeptBatches { get; }

    /// <summary>Whether the run was stopped as diverged.</summary>
    public bool Diverged => DivergedAtStep.HasValue;
}
