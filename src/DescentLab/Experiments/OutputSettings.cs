namespace DescentLab.Experiments;

/// <summary>What an experiment file asks to be written besides the data: figures, the report, and how to draw them.</summary>
public sealed record OutputSettings
{
    /// <summary>Which figure files to write (all by default).</summary>
    public FigureFormats Figures { get; init; } = FigureFormats.All;

    /// <summary>Whether to write the HTML report (true by default).</summary>
    public bool Report { get; init; } = true;

    /// <summary>The two parameters of the landscape plane, by name; null lets the renderer choose.</summary>
    public (string X, string Y)? Plane { get; init; }

    /// <summary>What loss curves are drawn against (epochs by default).</summary>
    public XAxis XAxis
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw SettingError.OutOfRange("xAxis", nameof(XAxis), value, $"{value} is not an x-axis.");
    }
}
