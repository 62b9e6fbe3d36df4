namespace DescentLab.Experiments;

/// <summary>The file formats a static figure is written in.</summary>
[Flags]
public enum FigureFormats
{
    /// <summary>No file.</summary>
    None = 0,

    /// <summary>A raster image for screens and slides.</summary>
    Png = 1,

    /// <summary>A vector image for papers; its text stays text.</summary>
    Svg = 2,

    /// <summary>Both PNG and SVG.</summary>
    All = Png | Svg,
}
