namespace DescentLab.Io;

/// <summary>What an experiment file asks to be written besides the data: figures, the report, and how to draw them.</summary>
public sealed record OutputSettings
{
    private readonly string _xAxis = "epoch";

    /// <summary>The x-axes a loss curve can be drawn against.</summary>
    public static IReadOnlyList<string> XAxes { get; } = ["step", "epoch", "samples"];

    /// <summary>Which figure files to write (all by default).</summary>
    public FigureFiles Figures { get; init; } = FigureFiles.All;

    /// <summary>Whether to write the HTML report (true by default).</summary>
    public bool Report { get; init; } = true;

    /// <summary>The two parameters of the landscape plane, by name; null lets the renderer choose.</summary>
    public (string X, string Y)? Plane { get; init; }

    /// <summary>The x-axis of loss curves: step, epoch or samples (epoch by default).</summary>
    public string XAxis
    {
        get => _xAxis;
        init => _xAxis = XAxes.Contains(value, StringComparer.Ordinal)
            ? value
            : throw SettingError.Invalid("xAxis", nameof(XAxis), $"'{value}' is not one of {string.Join(", ", XAxes)}.");
    }
}
