using DescentLab.Models;
using DescentLab.Training;

namespace DescentLab.Landscapes;

/// <summary>What to draw: a plane of two named parameters, the grid on it, and what happens to the other parameters.</summary>
/// <remarks>
/// The other parameters are either held at <see cref="FixedValues"/> (<see cref="LandscapeKind.Slice"/>; a parameter
/// without a value there is held at the optimum θ* of the loss being drawn, or of the full data for batch surfaces)
/// or minimised out (<see cref="LandscapeKind.Profile"/>, which ignores <see cref="FixedValues"/>). Names are checked
/// against the problem's parameter names when the plane is evaluated.
/// </remarks>
public sealed record LandscapePlane
{
    /// <summary>Creates a plane; an <see cref="ArgumentException"/> message starts with the field at fault.</summary>
    public LandscapePlane(
        string xParameter,
        string yParameter,
        GridAxis xAxis,
        GridAxis yAxis,
        LandscapeKind kind,
        IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        if (string.IsNullOrWhiteSpace(xParameter))
        {
            throw new ArgumentException("XParameter: a parameter name is required.", nameof(xParameter));
        }

        if (string.IsNullOrWhiteSpace(yParameter))
        {
            throw new ArgumentException("YParameter: a parameter name is required.", nameof(yParameter));
        }

        if (string.Equals(xParameter, yParameter, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"YParameter: '{yParameter}' is already the x parameter; a plane needs two different parameters.",
                nameof(yParameter));
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentException($"Kind: {kind} is not a landscape kind.", nameof(kind));
        }

        var copy = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in fixedValues ?? new Dictionary<string, double>())
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"FixedValues: the value of '{name}' is {value}; fixed values must be finite.", nameof(fixedValues));
            }

            copy[name] = value;
        }

        XParameter = xParameter;
        YParameter = yParameter;
        XAxis = xAxis ?? throw new ArgumentNullException(nameof(xAxis), "XAxis: a grid axis is required.");
        YAxis = yAxis ?? throw new ArgumentNullException(nameof(yAxis), "YAxis: a grid axis is required.");
        Kind = kind;
        FixedValues = copy;
    }

    /// <summary>The parameter along the horizontal axis.</summary>
    public string XParameter { get; }

    /// <summary>The parameter along the vertical axis.</summary>
    public string YParameter { get; }

    /// <summary>The values of <see cref="XParameter"/> on the grid.</summary>
    public GridAxis XAxis { get; }

    /// <summary>The values of <see cref="YParameter"/> on the grid.</summary>
    public GridAxis YAxis { get; }

    /// <summary>Slice or profile.</summary>
    public LandscapeKind Kind { get; }

    /// <summary>For a slice, the values the other parameters are held at, by name; values for the plane's own parameters are ignored.</summary>
    public IReadOnlyDictionary<string, double> FixedValues { get; }

    /// <summary>
    /// The plane drawn when none is named: the seed's (x^2, x) when both exist, else the two parameters along whose axes
    /// the loss curves most, the larger first.
    /// </summary>
    /// <remarks>
    /// The curvature along parameter j's own axis is H_jj = 2S_jj = 2·mean(z_j²): the plane of the two largest shows
    /// the narrowest valley the paths have to find their way down, as (x², x) does on the seed's data.
    /// </remarks>
    public static (string X, string Y) DefaultParameters(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var names = problem.ParameterNames;
        if (names.Contains("x^2", StringComparer.Ordinal) && names.Contains("x", StringComparer.Ordinal))
        {
            return ("x^2", "x");
        }

        var p = names.Count;
        var second = problem.FullData.SecondMoment.ToArray();
        var order = Enumerable.Range(0, p).OrderByDescending(j => second[(j * p) + j]).ThenBy(j => j).Take(2).ToArray();
        return (names[order[0]], names[order[1]]);
    }

    /// <summary>
    /// A plane whose axes cover θ*, the given initial points and every finite point of the given paths, with a margin.
    /// </summary>
    /// <param name="problem">The problem whose parameters are named.</param>
    /// <param name="xParameter">The parameter along the horizontal axis.</param>
    /// <param name="yParameter">The parameter along the vertical axis.</param>
    /// <param name="xCount">Grid values along x.</param>
    /// <param name="yCount">Grid values along y.</param>
    /// <param name="kind">Slice or profile.</param>
    /// <param name="initials">Initial points θ₀, in parameter order.</param>
    /// <param name="paths">Trajectories to hold.</param>
    /// <param name="fixedValues">For a slice, the other parameters' values.</param>
    /// <param name="margin">The fraction of each axis' span added on both sides (see <see cref="GridAxis.Covering"/>).</param>
    public static LandscapePlane Covering(
        Problem problem,
        string xParameter,
        string yParameter,
        int xCount,
        int yCount,
        LandscapeKind kind,
        IEnumerable<double[]>? initials = null,
        IEnumerable<Trajectory>? paths = null,
        IReadOnlyDictionary<string, double>? fixedValues = null,
        double margin = 0.1)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var ix = Landscape.IndexOf(problem.ParameterNames, xParameter, nameof(XParameter), nameof(xParameter));
        var iy = Landscape.IndexOf(problem.ParameterNames, yParameter, nameof(YParameter), nameof(yParameter));
        var xs = new List<double> { problem.FullData.Optimum[ix] };
        var ys = new List<double> { problem.FullData.Optimum[iy] };
        foreach (var theta in initials ?? Enumerable.Empty<double[]>())
        {
            if (theta.Length != problem.ParameterCount)
            {
                throw new ArgumentException($"initials: an initial point has {theta.Length} values for {problem.ParameterCount} parameters.", nameof(initials));
            }

            xs.Add(theta[ix]);
            ys.Add(theta[iy]);
        }

        foreach (var path in paths ?? Enumerable.Empty<Trajectory>())
        {
            if (!path.ParameterNames.SequenceEqual(problem.ParameterNames, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"paths: a path's parameters are {string.Join(", ", path.ParameterNames)}, the problem's {string.Join(", ", problem.ParameterNames)}.",
                    nameof(paths));
            }

            foreach (var v in path.Parameter(ix))
            {
                xs.Add(v);
            }

            foreach (var v in path.Parameter(iy))
            {
                ys.Add(v);
            }
        }

        return new LandscapePlane(
            xParameter,
            yParameter,
            GridAxis.Covering(xs, xCount, margin),
            GridAxis.Covering(ys, yCount, margin),
            kind,
            fixedValues);
    }
}
