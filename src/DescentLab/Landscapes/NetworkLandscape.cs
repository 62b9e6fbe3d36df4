using System.Globalization;
using DescentLab.Models;

namespace DescentLab.Landscapes;

/// <summary>
/// An evaluated network landscape: the full-data loss over the plane θ₀ + α·d₁ + β·d₂ (<see cref="Surface"/>, x = α,
/// y = β), the plane's definition, and every run's path projected onto it.
/// </summary>
public sealed class NetworkLandscape
{
    internal NetworkLandscape(
        NetworkLandscapeJob job,
        Surface surface,
        double[] centre,
        double[] direction1,
        double[] direction2,
        string centreDescription,
        string? centreMethod,
        uint? seed,
        string? pcaMethod,
        (double First, double Second)? varianceShares,
        double centreLoss,
        IReadOnlyList<ProjectedPath> paths,
        NeuralNetwork network)
    {
        Job = job;
        Surface = surface;
        Centre = centre;
        Direction1 = direction1;
        Direction2 = direction2;
        CentreDescription = centreDescription;
        CentreMethod = centreMethod;
        Seed = seed;
        PcaMethod = pcaMethod;
        VarianceShares = varianceShares;
        CentreLoss = centreLoss;
        Paths = paths;
        Network = network;
        DirectionNorms = (SpanMath.Norm(direction1), SpanMath.Norm(direction2));
        DirectionCosine = SpanMath.Dot(direction1, direction2) / (DirectionNorms.First * DirectionNorms.Second);
    }

    /// <summary>The settings the plane was built with.</summary>
    public NetworkLandscapeJob Job { get; }

    /// <summary>The network whose full-data loss the surface holds.</summary>
    public NeuralNetwork Network { get; }

    /// <summary>The loss over the grid: x = α (along <see cref="Direction1"/>), y = β (along <see cref="Direction2"/>).</summary>
    public Surface Surface { get; }

    /// <summary>The Euclidean norms ‖d₁‖ and ‖d₂‖ of the directions.</summary>
    public (double First, double Second) DirectionNorms { get; }

    /// <summary>The cosine of the angle between the directions, d₁·d₂ / (‖d₁‖‖d₂‖).</summary>
    public double DirectionCosine { get; }

    /// <summary>The centre θ₀, in θ order.</summary>
    public IReadOnlyList<double> Centre { get; }

    /// <summary>The first direction d₁, in θ order.</summary>
    public IReadOnlyList<double> Direction1 { get; }

    /// <summary>The second direction d₂, in θ order.</summary>
    public IReadOnlyList<double> Direction2 { get; }

    /// <summary>What the centre is, in words: "the final θ of gd" or "θ* (Newton's method, 7 steps)".</summary>
    public string CentreDescription { get; }

    /// <summary>The method whose final θ is the centre; null when the centre is θ*.</summary>
    public string? CentreMethod { get; }

    /// <summary>The torch generator seed the random directions were drawn with; null for PCA directions.</summary>
    public uint? Seed { get; }

    /// <summary>For PCA directions, the method whose trajectory they come from.</summary>
    public string? PcaMethod { get; }

    /// <summary>For PCA directions, the share of the trajectory's variance each explains.</summary>
    public (double First, double Second)? VarianceShares { get; }

    /// <summary>The full-data loss at the centre.</summary>
    public double CentreLoss { get; }

    /// <summary>Every run's path projected onto the plane, in run order.</summary>
    public IReadOnlyList<ProjectedPath> Paths { get; }

    /// <summary>
    /// The loss figures draw at most: 1000 times the largest of the centre's loss and each path's initial loss, as the
    /// linear model's loss figures cap theirs. Far out on a plane a network's loss can overflow to infinity.
    /// </summary>
    public double DrawCeiling =>
        1e3 * Paths.Where(p => p.Loss.Count > 0 && double.IsFinite(p.Loss[0])).Select(p => p.Loss[0]).Append(CentreLoss).Where(double.IsFinite).DefaultIfEmpty(1).Max();

    /// <summary>Whether some grid value is above <see cref="DrawCeiling"/> or not finite.</summary>
    public bool HasClippedValues => !(Surface.Maximum <= DrawCeiling) || Surface.Values.ToArray().Any(v => !double.IsFinite(v));

    /// <summary>The surface as figures draw it: values above <see cref="DrawCeiling"/>, infinite or NaN, at the ceiling.</summary>
    public Surface DrawnSurface()
    {
        if (!HasClippedValues)
        {
            return Surface;
        }

        var ceiling = DrawCeiling;
        var values = Surface.Values.ToArray();
        for (var k = 0; k < values.Length; k++)
        {
            if (!(values[k] <= ceiling))
            {
                values[k] = ceiling;
            }
        }

        return new Surface(Surface.XParameter, Surface.YParameter, Surface.Kind, Surface.XValues.ToArray(), Surface.YValues.ToArray(), values, Surface.FixedValues, Surface.SampleCount);
    }

    /// <summary>Whether the path coordinates are an orthogonal projection onto orthonormal directions (PCA) rather than a least-squares fit onto directions that are not orthogonal.</summary>
    public bool OrthonormalDirections => Job.Directions == PlaneDirections.Pca;

    /// <summary>The axis label of direction 1 or 2, e.g. "direction 1 (filter-normalised)" or "PC 1 (83.2% of variance)".</summary>
    public string AxisLabel(int axis)
    {
        if (axis is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis: 1 or 2.");
        }

        return Job.Directions switch
        {
            PlaneDirections.Pca => string.Format(
                CultureInfo.InvariantCulture,
                "PC {0} ({1:0.0}% of the path's variance)",
                axis,
                100 * (axis == 1 ? VarianceShares!.Value.First : VarianceShares!.Value.Second)),
            PlaneDirections.Random => $"direction {axis} (random Gaussian)",
            _ => $"direction {axis} (filter-normalised)",
        };
    }

    /// <summary>How the paths were put on the plane, in one sentence.</summary>
    public string ProjectionNote => OrthonormalDirections
        ? "Paths are projected orthogonally onto the plane (the PCA directions are orthonormal); each step's loss is its own, not the plane's."
        : "Paths are least-squares projections onto the plane (the directions are not orthogonal, and most of a path lies off a random plane); each step's loss is its own, not the plane's.";
}
