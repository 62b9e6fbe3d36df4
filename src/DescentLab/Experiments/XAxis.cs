namespace DescentLab.Experiments;

/// <summary>What the horizontal axis of a loss curve counts: the three ways to measure training progress.</summary>
/// <remarks>
/// They differ by method: a full-batch epoch is one step, a minibatch epoch of batch size B is n/B steps, and both
/// process n samples. The seed notebook compared GD and SGD per epoch without saying so.
/// </remarks>
public enum XAxis
{
    /// <summary>Passes over the data (fractional within an epoch).</summary>
    Epochs,

    /// <summary>Parameter updates.</summary>
    Steps,

    /// <summary>Samples processed: the sum of batch sizes, a proxy for gradient cost.</summary>
    Samples,
}
