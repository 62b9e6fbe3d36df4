using DescentLab.Experiments;
using DescentLab.Models;
using DescentLab.Randomness;

namespace DescentLab.Landscapes;

/// <summary>
/// A network landscape job (Li et al., "Visualizing the Loss Landscape of Neural Nets"): the full-data loss over a plane
/// through a centre spanned by two directions, with every run's path projected onto it.
/// </summary>
public sealed record NetworkLandscapeJob
{
    /// <summary>The name that puts the centre at θ* (logistic regression, when it exists).</summary>
    public const string OptimumCentre = "optimum";

    /// <summary>The half-width of the default range along random and filter-normalised directions: α, β ∈ [−1, 1], as Li et al. draw.</summary>
    public const double DefaultHalfWidth = 1;

    private readonly int _resolution = LandscapeJob.DefaultResolution;
    private readonly PlaneDirections _directions = PlaneDirections.Filter;
    private readonly BiasDirectionRule _biases = BiasDirectionRule.Zero;
    private readonly (double Low, double High)? _range;

    /// <summary>What spans the plane (default: filter-normalised random directions, as Li et al.).</summary>
    public PlaneDirections Directions
    {
        get => _directions;
        init => _directions = Enum.IsDefined(value) ? value : throw new ArgumentException($"Directions: {value} is not a kind of direction.", nameof(Directions));
    }

    /// <summary>What filter normalisation does with biases (default: zero them, Li et al.'s <c>ignore='biasbn'</c>); ignored by other directions.</summary>
    public BiasDirectionRule Biases
    {
        get => _biases;
        init => _biases = Enum.IsDefined(value) ? value : throw new ArgumentException($"Biases: {value} is not a bias rule.", nameof(Biases));
    }

    /// <summary>Grid values along each axis, from 2 to <see cref="GridAxis.MaxCount"/> (default 101).</summary>
    public int Resolution
    {
        get => _resolution;
        init => _resolution = value >= 2 && value <= GridAxis.MaxCount
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Resolution), value, $"Resolution: expected a whole number from 2 to {GridAxis.MaxCount}, got {value}.");
    }

    /// <summary>
    /// The range of α and β; null for the default: [−1, 1] along random and filter-normalised directions, and the range
    /// covering the centre and every projected path (with a margin) along PCA directions.
    /// </summary>
    public (double Low, double High)? Range
    {
        get => _range;
        init => _range = value is not { } r || (double.IsFinite(r.Low) && double.IsFinite(r.High) && r.High > r.Low)
            ? value
            : throw new ArgumentException($"Range: expected finite low < high, got [{r.Low}, {r.High}].", nameof(Range));
    }

    /// <summary>Whether each axis covers the centre and every projected path instead of <see cref="Range"/> (the default for PCA directions).</summary>
    public bool CoverPaths { get; init; }

    /// <summary>
    /// The centre: a method's name (its run's final θ), <see cref="OptimumCentre"/> (θ* of logistic regression), or null
    /// for the default, the final θ of the first method that did not diverge (Li et al. centre on the trained network).
    /// </summary>
    public string? Centre { get; init; }

    /// <summary>The torch generator seed of random and filter-normalised directions (torch.manual_seed); null for the experiment's seed.</summary>
    public uint? Seed { get; init; }

    /// <summary>Whether the axes cover the paths: asked for, or the default for PCA directions.</summary>
    public bool CoversPaths => Range is null && (CoverPaths || Directions == PlaneDirections.Pca);

    /// <summary>Evaluates the plane on <paramref name="result"/>'s network and projects every run's path onto it.</summary>
    /// <exception cref="ArgumentException">The centre names no method, asks for a θ* that does not exist, or every run diverged; the message starts with "Centre:", and the exception carries a <see cref="SettingError"/> for the field "centre".</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public NetworkLandscape Evaluate(NetworkExperimentResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var network = result.Network;
        var p = network.ParameterCount;
        var (centre, description, centreMethod, pcaRun) = ResolveCentre(result);

        double[] d1, d2;
        uint? seed = null;
        (double, double)? shares = null;
        string? pcaMethod = null;
        if (Directions == PlaneDirections.Pca)
        {
            var (first, second, firstShare, secondShare) = NetworkPlane.PcaDirections(pcaRun.Trajectory);
            (d1, d2, shares, pcaMethod) = (first, second, (firstShare, secondShare), pcaRun.Method.Name);
        }
        else
        {
            seed = Seed ?? result.Spec.Seed;

            // Li et al.'s create_random_direction, called for x and then y, after torch.manual_seed(seed).
            var generator = new TorchGenerator(seed.Value);
            d1 = NetworkPlane.RandomDirection(network, generator);
            d2 = NetworkPlane.RandomDirection(network, generator);
            if (Directions == PlaneDirections.Filter)
            {
                NetworkPlane.FilterNormalize(network, d1, centre, Biases);
                NetworkPlane.FilterNormalize(network, d2, centre, Biases);
            }
        }

        var paths = new List<ProjectedPath>(result.Runs.Count);
        var theta = new double[p];
        for (var r = 0; r < result.Runs.Count; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var run = result.Runs[r];
            var t = run.Trajectory;
            List<long> steps = [];
            List<double> epochs = [], alphas = [], betas = [], losses = [];
            var initOffPlane = double.NaN;
            for (var row = 0; row < t.Count; row++)
            {
                t.ParametersAt(row, theta);
                if (!theta.All(double.IsFinite))
                {
                    continue;
                }

                var (alpha, beta, off) = PlaneProjection.Project(centre, d1, d2, theta);
                if (row == 0)
                {
                    initOffPlane = off;
                }

                steps.Add(t.Step[row]);
                epochs.Add(t.Epoch[row]);
                alphas.Add(alpha);
                betas.Add(beta);
                losses.Add(t.Loss[row]);
            }

            paths.Add(new ProjectedPath(run.Method.Name, r, steps, epochs, alphas, betas, losses, initOffPlane, t.DivergedAtStep));
        }

        GridAxis xAxis, yAxis;
        if (CoversPaths)
        {
            xAxis = GridAxis.Covering(paths.SelectMany(q => q.Alpha).Append(0), Resolution);
            yAxis = GridAxis.Covering(paths.SelectMany(q => q.Beta).Append(0), Resolution);
        }
        else
        {
            var (low, high) = Range ?? (-DefaultHalfWidth, DefaultHalfWidth);
            xAxis = GridAxis.Linear(low, high, Resolution);
            yAxis = GridAxis.Linear(low, high, Resolution);
        }

        var grid = NetworkPlane.Evaluate(network, centre, d1, d2, xAxis.Values, yAxis.Values, cancellationToken);
        var nx = xAxis.Count;
        var values = new double[nx * yAxis.Count];
        for (var j = 0; j < yAxis.Count; j++)
        {
            for (var i = 0; i < nx; i++)
            {
                values[(j * nx) + i] = grid[i, j];
            }
        }

        var surface = new Surface("alpha", "beta", LandscapeKind.Slice, [.. xAxis.Values], [.. yAxis.Values], values, new Dictionary<string, double>(), network.SampleCount);
        return new NetworkLandscape(this, surface, centre, d1, d2, description, centreMethod, seed, pcaMethod, shares, network.Loss(centre), paths, network);
    }

    /// <summary>What is wrong, before anything is trained, with a centre <paramref name="spec"/> cannot give (a name that is none of its methods, or θ* of a model with no closed form); null when nothing is.</summary>
    public SettingError? CheckCentre(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Centre is { } centre && centre != OptimumCentre && !spec.Methods.Any(m => m.Name == centre))
        {
            return new SettingError("centre", $"'{centre}' is not a method of the experiment; expected {OptimumCentre} or one of {string.Join(", ", spec.Methods.Select(m => m.Name))}.");
        }

        return Centre == OptimumCentre && spec.Model.Kind != ModelKind.Logistic
            ? new SettingError("centre", $"'{OptimumCentre}' needs a closed-form θ*, which only logistic regression has; the model is {spec.Model}. Give a method's name to centre on its final θ.")
            : null;
    }

    /// <summary>The centre θ₀, what it is in words, its method (null for θ*), and the run whose trajectory PCA directions come from.</summary>
    /// <exception cref="ArgumentException">See <see cref="Evaluate"/>.</exception>
    public (double[] Theta, string Description, string? Method, RunResult PcaRun) ResolveCentre(NetworkExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var runs = result.Runs;
        var finished = runs.FirstOrDefault(r => !r.Trajectory.Diverged);
        if (string.Equals(Centre, OptimumCentre, StringComparison.Ordinal))
        {
            if (result.Optimum is not { } optimum)
            {
                throw CentreError($"'{OptimumCentre}' needs a closed-form θ*, which only logistic regression has; the model is {result.Spec.Model}. Give a method's name to centre on its final θ.");
            }

            if (optimum.Theta is not { } theta)
            {
                throw CentreError($"'{OptimumCentre}' has no θ* to centre on: {optimum.Statement}. Give a method's name to centre on its final θ.");
            }

            var pcaRun = finished ?? throw CentreError("every run diverged, so no trajectory gives PCA directions.");
            return ([.. theta], $"θ* (Newton's method, {optimum.Iterations} steps)", null, pcaRun);
        }

        RunResult run;
        if (Centre is null)
        {
            run = finished ?? throw CentreError("every run diverged, so no final θ is finite to centre on.");
        }
        else
        {
            run = runs.FirstOrDefault(r => string.Equals(r.Method.Name, Centre, StringComparison.Ordinal))
                ?? throw CentreError($"'{Centre}' is not a method of the experiment; expected {OptimumCentre} or one of {string.Join(", ", runs.Select(r => r.Method.Name).Distinct())}.");
            if (run.Trajectory.Diverged)
            {
                throw CentreError($"'{Centre}' diverged at step {run.Trajectory.DivergedAtStep}, so its final θ is no centre; choose another method.");
            }
        }

        var final = new double[run.Trajectory.ParameterCount];
        run.Trajectory.ParametersAt(run.Trajectory.Count - 1, final);
        return (final, $"the final θ of {run.Method.Name}", run.Method.Name, run);
    }

    /// <summary>A refused centre: the message starts with "Centre:" and the error names the field "centre".</summary>
    private static ArgumentException CentreError(string message) =>
        SettingError.Attach(new ArgumentException("Centre: " + message), "centre", message);
}
