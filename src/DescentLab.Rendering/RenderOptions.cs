using DescentLab.Experiments;
using DescentLab.Landscapes;

namespace DescentLab.Rendering;

/// <summary>How an experiment's figures and report are drawn; every setting has a default that suits the seed experiment.</summary>
public sealed record RenderOptions
{
    /// <summary>The largest grid resolution accepted.</summary>
    public const int MaxResolution = 400;

    private readonly XAxis _xAxis = XAxis.Epochs;
    private readonly IReadOnlyList<double>? _markEpochs;
    private readonly (string X, string Y)? _plane;
    private readonly LandscapeKind _landscapeKind = LandscapeKind.Profile;
    private readonly int _resolution = 120;
    private readonly int _maxPoints = Thinning.MaxPoints;

    /// <summary>What loss curves are drawn against (epochs by default).</summary>
    public XAxis XAxis
    {
        get => _xAxis;
        init => _xAxis = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(XAxis), value, $"xAxis: {value} is not an x-axis.");
    }

    /// <summary>
    /// The epochs at which every path is marked; null for the default: epoch 50 (as the seed does) when the runs are
    /// longer, else about a sixth of the run. Marks beyond the longest run are dropped.
    /// </summary>
    public IReadOnlyList<double>? MarkEpochs
    {
        get => _markEpochs;
        init
        {
            if (value is not null)
            {
                foreach (var epoch in value)
                {
                    if (!(epoch > 0) || !double.IsFinite(epoch))
                    {
                        throw new ArgumentOutOfRangeException(nameof(MarkEpochs), epoch, $"markEpochs: {epoch} is not a positive epoch.");
                    }
                }

                value = [.. value.Distinct().Order()];
            }

            _markEpochs = value;
        }
    }

    /// <summary>
    /// The parameters on the horizontal and vertical axes of paths and landscapes; null for the problem's default
    /// (<see cref="LandscapePlane.DefaultParameters"/>: the seed's ("x^2", "x") when both exist).
    /// </summary>
    public (string X, string Y)? Plane
    {
        get => _plane;
        init
        {
            if (value is { } plane)
            {
                if (string.IsNullOrWhiteSpace(plane.X) || string.IsNullOrWhiteSpace(plane.Y))
                {
                    throw new ArgumentException("plane: both parameter names are required.", nameof(Plane));
                }

                if (string.Equals(plane.X, plane.Y, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"plane: '{plane.X}' is on both axes; a plane needs two different parameters.", nameof(Plane));
                }
            }

            _plane = value;
        }
    }

    /// <summary>
    /// How the landscape treats the parameters off the plane: minimised out (profile, the default, so a path's loss is
    /// never below the surface under it) or held at θ* (slice).
    /// </summary>
    public LandscapeKind LandscapeKind
    {
        get => _landscapeKind;
        init => _landscapeKind = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(LandscapeKind), value, $"landscapeKind: {value} is not a landscape kind.");
    }

    /// <summary>Grid values along each landscape axis (default 120; minibatch surfaces use half).</summary>
    public int Resolution
    {
        get => _resolution;
        init => _resolution = value is >= 8 and <= MaxResolution
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Resolution), value, $"resolution: must be between 8 and {MaxResolution}, got {value}.");
    }

    /// <summary>The report's title; null for one made from the experiment's name.</summary>
    public string? Title { get; init; }

    /// <summary>The most points one drawn trace holds (default 5000); longer trajectories are thinned evenly, first and last rows kept.</summary>
    public int MaxPoints
    {
        get => _maxPoints;
        init => _maxPoints = value is >= 2 and <= Thinning.MaxPoints
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxPoints), value, $"maxPoints: must be between 2 and {Thinning.MaxPoints}, got {value}.");
    }

    /// <summary>The drawing settings an experiment file's output section asks for: its x-axis and plane.</summary>
    public static RenderOptions For(OutputSettings output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new RenderOptions
        {
            XAxis = output.XAxis,
            Plane = output.Plane,
        };
    }
}
