namespace DescentLab.Rendering;

/// <summary>Which static figures to draw; each is one file per format, named for what it shows.</summary>
[Flags]
public enum FigureSet
{
    /// <summary>No figure.</summary>
    None = 0,

    /// <summary>data: the samples, the generating mean curve and the least-squares fit.</summary>
    Data = 1,

    /// <summary>loss: batch and full-data loss against the x-axis.</summary>
    Loss = 2,

    /// <summary>excess-loss: L(θ) − L* against the x-axis.</summary>
    ExcessLoss = 4,

    /// <summary>bands and bands-loss: medians and bands across replicates (drawn only with replicates).</summary>
    Bands = 8,

    /// <summary>fit: each method's final curve over the data (drawn only with one input column).</summary>
    Fit = 16,

    /// <summary>paths: each method's path in the plane.</summary>
    Paths = 32,

    /// <summary>landscape: the full-data loss over the plane with the paths.</summary>
    Landscape = 64,

    /// <summary>batches: each minibatch's own landscape (drawn only when a method uses minibatches).</summary>
    Batches = 128,

    /// <summary>accuracy: each classifier run's accuracy on the full data against the x-axis (network models).</summary>
    Accuracy = 256,

    /// <summary>boundary: each classifier run's decision regions over the data at its final θ (network models on two inputs).</summary>
    Boundary = 512,

    /// <summary>The two surfaces a landscape job draws: the full-data landscape and the minibatches'.</summary>
    Surfaces = Landscape | Batches,

    /// <summary>Every figure.</summary>
    All = Data | Loss | ExcessLoss | Bands | Fit | Paths | Landscape | Batches | Accuracy | Boundary,
}
