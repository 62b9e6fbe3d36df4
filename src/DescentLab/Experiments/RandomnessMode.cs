namespace DescentLab.Experiments;

/// <summary>Where an experiment's random draws come from.</summary>
public enum RandomnessMode
{
    /// <summary>
    /// Data from NumPy(seed); one init shared by every method; each run shuffles with its own stream derived from
    /// (seed, method name, replicate), so runs are independent of each other and of their order.
    /// </summary>
    Independent,

    /// <summary>
    /// The seed notebook's exact stream: <c>np.random.seed(s)</c> data (stored as float32, as <c>torch.Tensor</c>
    /// does), <c>torch.manual_seed(s)</c>, then per method in order a fresh init and every DataLoader draw.
    /// </summary>
    Notebook,
}
