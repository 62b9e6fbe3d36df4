namespace DescentLab.Io;

/// <summary>Which figure files an experiment writes: none, PNG, SVG or both.</summary>
public enum FigureFiles
{
    /// <summary>No figures.</summary>
    None,

    /// <summary>PNG images.</summary>
    Png,

    /// <summary>SVG drawings.</summary>
    Svg,

    /// <summary>Both PNG and SVG.</summary>
    All,
}
