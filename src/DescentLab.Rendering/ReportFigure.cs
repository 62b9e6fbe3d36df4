namespace DescentLab.Rendering;

/// <summary>The interactive figures of an experiment's report, in page order.</summary>
internal enum ReportFigure
{
    /// <summary>The samples, the mean curve and the least-squares fit.</summary>
    Data,

    /// <summary>Batch and full-data loss.</summary>
    Loss,

    /// <summary>L(θ) − L*.</summary>
    Excess,

    /// <summary>Excess loss across replicates: medians and bands.</summary>
    BandsExcess,

    /// <summary>Full-data loss across replicates: medians and bands.</summary>
    BandsLoss,

    /// <summary>Each method's final curve over the data.</summary>
    Fit,

    /// <summary>The paths in the plane.</summary>
    Paths,

    /// <summary>The paths over the full-data landscape's contours.</summary>
    Landscape,

    /// <summary>The full-data landscape in 3D.</summary>
    Surface,

    /// <summary>Each minibatch's landscape, overlaid.</summary>
    Batches,

    /// <summary>The paths in 3D at their loss.</summary>
    Paths3D,

    /// <summary>The step-by-step replay of every path.</summary>
    Replay,

    /// <summary>Each classifier run's accuracy on the full data (network models).</summary>
    Accuracy,

    /// <summary>Each classifier run's decision regions over the data, replayed step by step (network models).</summary>
    Boundary,
}
