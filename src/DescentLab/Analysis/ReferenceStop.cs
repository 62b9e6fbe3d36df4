namespace DescentLab.Analysis;

/// <summary>Why a <see cref="ReferenceOptimum"/> run ended.</summary>
public enum ReferenceStop
{
    /// <summary>The gradient norm met the tolerance.</summary>
    Converged,

    /// <summary>The iteration cap was reached first.</summary>
    IterationLimit,

    /// <summary>No step along the search direction lowered the loss: progress stopped at rounding level.</summary>
    Stalled,
}
