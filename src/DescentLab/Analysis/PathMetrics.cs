using DescentLab.Models;
using DescentLab.Training;

namespace DescentLab.Analysis;

/// <summary>How far a trajectory is from the optimum at every recorded row: excess loss and distance.</summary>
public sealed class PathMetrics
{
    private readonly Trajectory _trajectory;
    private readonly double[] _excessLoss;
    private readonly double[] _distance;

    private PathMetrics(Trajectory trajectory, double[] excessLoss, double[] distance)
    {
        _trajectory = trajectory;
        _excessLoss = excessLoss;
        _distance = distance;
    }

    /// <summary>L(θ) − L* per row: how much loss is left to lose. NaN or infinite where the run diverged.</summary>
    public ReadOnlySpan<double> ExcessLoss => _excessLoss;

    /// <summary>|θ − θ*| per row.</summary>
    public ReadOnlySpan<double> DistanceToOptimum => _distance;

    /// <summary>The metrics of <paramref name="trajectory"/> on the full-data loss of <paramref name="problem"/>.</summary>
    public static PathMetrics Of(Trajectory trajectory, Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Of(trajectory, problem.FullData.Optimum, problem.FullData.MinimumLoss);
    }

    /// <summary>The metrics of <paramref name="trajectory"/> against the optimum θ* and minimum loss L*.</summary>
    public static PathMetrics Of(Trajectory trajectory, ReadOnlySpan<double> optimum, double minimumLoss)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var p = trajectory.ParameterCount;
        if (optimum.Length != p)
        {
            throw new ArgumentException($"optimum: {optimum.Length} values for a trajectory of {p} parameters.", nameof(optimum));
        }

        var count = trajectory.Count;
        var loss = trajectory.Loss;
        var excess = new double[count];
        var distance = new double[count];
        for (var k = 0; k < count; k++)
        {
            excess[k] = loss[k] - minimumLoss;
        }

        for (var j = 0; j < p; j++)
        {
            var column = trajectory.Parameter(j);
            for (var k = 0; k < count; k++)
            {
                var d = column[k] - optimum[j];
                distance[k] += d * d;
            }
        }

        for (var k = 0; k < count; k++)
        {
            distance[k] = Math.Sqrt(distance[k]);
        }

        return new PathMetrics(trajectory, excess, distance);
    }

    /// <summary>
    /// The first row from which the excess loss stays below <paramref name="tolerance"/> to the end of the path; null if
    /// it never does (or the path ends diverged).
    /// </summary>
    public ConvergencePoint? FirstBelow(double tolerance)
    {
        if (!(tolerance > 0) || !double.IsFinite(tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance: must be positive and finite.");
        }

        var first = -1;
        for (var k = _excessLoss.Length - 1; k >= 0; k--)
        {
            // NaN fails the comparison, so a non-finite row ends the run of rows below the tolerance.
            if (!(_excessLoss[k] < tolerance))
            {
                break;
            }

            first = k;
        }

        if (first < 0 || _trajectory.Diverged)
        {
            return null;
        }

        return new ConvergencePoint(first, _trajectory.Step[first], _trajectory.Epoch[first], _trajectory.Samples[first]);
    }
}
