using DescentLab.Experiments;
using DescentLab.Models;

namespace DescentLab.Landscapes;

/// <summary>
/// A landscape job: the full-data loss over a plane of two parameters whose grid covers θ*, every method's θ₀ and every
/// path of an experiment, once per kind asked for.
/// </summary>
public sealed record LandscapeJob
{
    /// <summary>The grid values along each axis when none are given.</summary>
    public const int DefaultResolution = 101;

    private readonly IReadOnlyList<LandscapeKind> _kinds = [LandscapeKind.Slice, LandscapeKind.Profile];
    private readonly int _resolution = DefaultResolution;

    /// <summary>The parameters on the horizontal and vertical axes; null for the problem's default (<see cref="LandscapePlane.DefaultParameters"/>).</summary>
    public (string X, string Y)? Plane { get; init; }

    /// <summary>The surfaces to evaluate, in order, each kind once (default: slice, then profile).</summary>
    public IReadOnlyList<LandscapeKind> Kinds
    {
        get => _kinds;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0 || value.Any(k => !Enum.IsDefined(k)) || value.Distinct().Count() != value.Count)
            {
                throw new ArgumentException("kinds: give slice, profile or both, each once.", nameof(Kinds));
            }

            _kinds = [.. value];
        }
    }

    /// <summary>Grid values along each axis, from 2 to <see cref="GridAxis.MaxCount"/> (default 101).</summary>
    public int Resolution
    {
        get => _resolution;
        init => _resolution = value >= 2 && value <= GridAxis.MaxCount
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Resolution), value, $"resolution: expected a whole number from 2 to {GridAxis.MaxCount}, got {value}.");
    }

    /// <summary>The kind a figure of the job shows: the profile when it is evaluated (a path's loss is then never below the surface under it), else the slice.</summary>
    public LandscapeKind FigureKind => Kinds.Contains(LandscapeKind.Profile) ? LandscapeKind.Profile : LandscapeKind.Slice;

    /// <summary>The plane's two parameters for <paramref name="problem"/>: <see cref="Plane"/>, or the problem's default.</summary>
    public (string X, string Y) PlaneOf(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Plane ?? LandscapePlane.DefaultParameters(problem);
    }

    /// <summary>Evaluates one surface per kind of <see cref="Kinds"/> over the plane that covers <paramref name="result"/>'s θ*, inits and paths.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; checked before each surface.</exception>
    public IReadOnlyList<Surface> Evaluate(ExperimentResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var problem = result.Problem;
        var (x, y) = PlaneOf(problem);
        var surfaces = new List<Surface>(Kinds.Count);
        foreach (var kind in Kinds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var grid = LandscapePlane.Covering(
                problem, x, y, Resolution, Resolution, kind, result.Runs.Select(r => r.Init.ToArray()), result.Runs.Select(r => r.Trajectory));
            surfaces.Add(Landscape.Evaluate(problem, grid));
        }

        return surfaces;
    }
}
