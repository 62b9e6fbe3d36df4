namespace DescentLab.Rendering;

/// <summary>
/// What the loss figures draw, for any model: each run's thinned batch and full-data loss against the chosen x-axis,
/// and L* when the model has one.
/// </summary>
internal interface ILossCurves
{
    RenderOptions Options { get; }

    IReadOnlyList<RunSeries> Runs { get; }

    /// <summary>L*, drawn as a dotted floor under the curves; null when the model has no known optimum.</summary>
    double? LossFloor { get; }

    /// <summary>The loss's name on the y-axis ("MSE", "cross-entropy"); the figures add the scale.</summary>
    string LossName { get; }

    /// <summary>The x-axis of loss curves, in words, for axis titles.</summary>
    string ProgressLabel { get; }

    /// <summary>The x-axis of loss curves, one word, for figure titles.</summary>
    string ProgressWord { get; }

    /// <summary>The top of the loss axes: a thousand times the largest initial loss (see <see cref="FigureModel.LossCeiling"/>).</summary>
    double LossCeiling { get; }
}
