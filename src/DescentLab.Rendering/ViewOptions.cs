namespace DescentLab.Rendering;

/// <summary>How much of an experiment a live view sends: points per trace and landscape grid size, small enough to redraw as a slider moves.</summary>
public sealed record ViewOptions
{
    private readonly int _maxPoints = 300;
    private readonly int _resolution = 48;

    /// <summary>The most points one trajectory, band or direction curve holds (default 300; 2 to 5000).</summary>
    public int MaxPoints
    {
        get => _maxPoints;
        init => _maxPoints = value is >= 2 and <= Thinning.MaxPoints
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxPoints), value, $"maxPoints: must be between 2 and {Thinning.MaxPoints}, got {value}.");
    }

    /// <summary>Grid values along each landscape axis (default 48; 8 to 400).</summary>
    public int Resolution
    {
        get => _resolution;
        init => _resolution = value is >= 8 and <= RenderOptions.MaxResolution
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Resolution), value, $"resolution: must be between 8 and {RenderOptions.MaxResolution}, got {value}.");
    }
}
