namespace DescentLab.Sampling;

/// <summary>How an epoch is cut into batches.</summary>
public enum SamplerKind
{
    /// <summary>One batch of every sample per epoch: gradient descent.</summary>
    FullBatch,

    /// <summary>Consecutive batches in the data's own order every epoch, as <c>DataLoader(shuffle=False)</c>.</summary>
    Sequential,

    /// <summary>A new random permutation every epoch, as <c>DataLoader(shuffle=True)</c>.</summary>
    Reshuffle,

    /// <summary>One random permutation drawn before training and kept for every epoch.</summary>
    ShuffleOnce,

    /// <summary>n indices drawn with replacement every epoch, as <c>RandomSampler(replacement=True)</c>.</summary>
    WithReplacement,
}
