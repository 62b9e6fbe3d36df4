using DescentLab.Analysis;
using DescentLab.Models;
using DescentLab.Training;

namespace DescentLab.Statistics;

/// <summary>
/// Folds the replicate runs of one method, as each finishes, into what the statistics need, so trajectories are not
/// kept: the full-data loss at every grid point (R × grid doubles), each replicate's L*, and a <see cref="RunSummary"/>.
/// </summary>
/// <remarks>
/// Replicate r writes only its own slots, so runs may be added from several threads in any order and the result is
/// the same: nothing is summed in completion order.
/// </remarks>
public sealed class ReplicateAccumulator
{
    private readonly double[] _loss;
    private readonly double[] _minimumLoss;
    private readonly RunSummary?[] _runs;
    private readonly StatisticsOptions _options;
    private readonly long[] _epochSteps;

    /// <summary>An empty accumulator for <paramref name="replicates"/> runs of <paramref name="methodName"/> on <paramref name="grid"/>.</summary>
    public ReplicateAccumulator(string methodName, ReplicateGrid grid, int replicates, StatisticsOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(methodName);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        MethodName = methodName;
        Grid = grid;
        Replicates = replicates;
        _options = options;
        _loss = new double[checked(replicates * grid.Count)];
        _minimumLoss = new double[replicates];
        _runs = new RunSummary?[replicates];
        // A comparison point past the end or off the recording interval has no value (NaN); the statistics list it as skipped.
        _epochSteps = [.. options.ComparisonEpochs.Select(e => (long)e * grid.BatchesPerEpoch)];
    }

    /// <summary>The method's name.</summary>
    public string MethodName { get; }

    /// <summary>The record points shared by every replicate.</summary>
    public ReplicateGrid Grid { get; }

    /// <summary>The number of replicates expected.</summary>
    public int Replicates { get; }

    /// <summary>
    /// Folds replicate <paramref name="replicate"/> (seed <paramref name="seed"/>): its loss at each grid point (+∞ from a
    /// divergence on), L* of its <paramref name="problem"/>, and its summary.
    /// </summary>
    public void Add(int replicate, uint seed, Trajectory trajectory, Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Add(replicate, seed, trajectory, problem.FullData.Optimum, problem.FullData.MinimumLoss, _options.ToleranceFor(problem.FullData), double.NaN);
    }

    /// <summary>
    /// Folds replicate <paramref name="replicate"/> of a model without a closed form: its loss at each grid point, the
    /// reference <paramref name="minimumLoss"/> at <paramref name="optimum"/> that excess loss is measured against, the
    /// excess loss <paramref name="tolerance"/> that counts as reached, and the final accuracy (NaN for regression).
    /// </summary>
    public void Add(int replicate, uint seed, Trajectory trajectory, ReadOnlySpan<double> optimum, double minimumLoss, double tolerance, double finalAccuracy)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentOutOfRangeException.ThrowIfNegative(replicate);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(replicate, Replicates);
        if (!double.IsFinite(minimumLoss))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumLoss), minimumLoss, "The minimum loss must be finite.");
        }

        var minimum = minimumLoss;
        var row = _loss.AsSpan(replicate * Grid.Count, Grid.Count);
        var steps = trajectory.Step;
        var loss = trajectory.Loss;
        var gridSteps = Grid.Step;
        var i = 0;
        for (var k = 0; k < row.Length; k++)
        {
            while (i < steps.Length && steps[i] < gridSteps[k])
            {
                i++;
            }

            // A diverged run stops early: every later grid point counts as infinitely far from the optimum.
            row[k] = i < steps.Length && steps[i] == gridSteps[k] && double.IsFinite(loss[i]) ? loss[i] : double.PositiveInfinity;
        }

        _minimumLoss[replicate] = minimum;
        var last = trajectory.Count - 1;
        var theta = new double[trajectory.ParameterCount];
        trajectory.ParametersAt(last, theta);
        var atEpochs = new double[_epochSteps.Length];
        for (var e = 0; e < atEpochs.Length; e++)
        {
            atEpochs[e] = ExcessAt(row, minimum, _epochSteps[e]);
        }

        var atSteps = new double[_options.ComparisonSteps.Count];
        for (var e = 0; e < atSteps.Length; e++)
        {
            atSteps[e] = ExcessAt(row, minimum, _options.ComparisonSteps[e]);
        }

        var point = PathMetrics.Of(trajectory, optimum, minimum).FirstBelow(tolerance);
        _runs[replicate] = new RunSummary(
            MethodName,
            replicate,
            seed,
            trajectory.DivergedAtStep,
            steps[last],
            trajectory.Diverged || !double.IsFinite(loss[last]) ? double.PositiveInfinity : loss[last],
            minimum,
            point?.Epoch,
            point?.Step,
            theta,
            atEpochs,
            atSteps)
        {
            FinalAccuracy = finalAccuracy,
        };
    }

    /// <summary>The method's statistics; every replicate must have been added.</summary>
    public MethodStatistics Build()
    {
        var missing = Array.IndexOf(_runs, null);
        if (missing >= 0)
        {
            throw new InvalidOperationException($"replicate {missing} of '{MethodName}' was never added.");
        }

        return new MethodStatistics(MethodName, Grid, Replicates, _loss, _minimumLoss, [.. _runs!], _options);
    }

    private double ExcessAt(ReadOnlySpan<double> row, double minimum, long step)
    {
        var index = Grid.IndexOf(step);
        return step > Grid.TotalSteps || index < 0 ? double.NaN : row[index] - minimum;
    }
}
