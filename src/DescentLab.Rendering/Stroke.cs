using DescentLab.Sampling;
using ScottPlot;

namespace DescentLab.Rendering;

/// <summary>
/// How a run's lines are drawn besides their colour, so that lines lying on top of each other stay visible: full-batch
/// GD thin and solid on top, fixed-order SGD dashed above the shuffled one, reshuffled SGD wide and solid underneath.
/// </summary>
/// <param name="Pattern">ScottPlot's dash pattern.</param>
/// <param name="Dash">plotly's line.dash.</param>
/// <param name="Width">Line width in pixels for loss curves (paths use a little less).</param>
/// <param name="Layer">Drawing order: lower layers first, so higher ones are on top.</param>
internal readonly record struct Stroke(LinePattern Pattern, string Dash, float Width, int Layer)
{
    /// <summary>The stroke of a run by its sampler.</summary>
    public static Stroke Of(RunSeries run) => Of(run.Run.Method.Sampler.Kind);

    /// <summary>The stroke of a sampler's runs.</summary>
    public static Stroke Of(SamplerKind kind) => kind switch
    {
        SamplerKind.FullBatch => new(LinePattern.Solid, "solid", 2.2f, 4),
        SamplerKind.Sequential => new(LinePattern.Dashed, "dash", 2.6f, 3),
        SamplerKind.ShuffleOnce => new(LinePattern.DenselyDashed, "dashdot", 3f, 2),
        SamplerKind.WithReplacement => new(LinePattern.Dotted, "dot", 3.2f, 1),
        _ => new(LinePattern.Solid, "solid", 4.2f, 0),
    };

    /// <summary>The runs in drawing order: lowest layer first, then in method order.</summary>
    public static IEnumerable<RunSeries> InDrawingOrder(IEnumerable<RunSeries> runs) => runs.OrderBy(r => Of(r).Layer).ThenBy(r => r.Index);
}
