namespace DescentLab.Rendering;

/// <summary>The colours of runs and batches, the same in static and interactive figures (matplotlib's tab10).</summary>
internal static class Palette
{
    private static readonly string[] Hex =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ];

    /// <summary>The colour of item <paramref name="index"/> as "#rrggbb".</summary>
    public static string Of(int index) => Hex[index % Hex.Length];

    /// <summary>The colour of item <paramref name="index"/> for ScottPlot.</summary>
    public static ScottPlot.Color Color(int index) => ScottPlot.Color.FromHex(Of(index));
}
