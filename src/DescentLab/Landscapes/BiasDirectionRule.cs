namespace DescentLab.Landscapes;

/// <summary>What filter normalization does with the direction of a one-dimensional parameter (a bias).</summary>
public enum BiasDirectionRule
{
    /// <summary>Zero it, so the plane keeps every bias at the centre's value: Li et al.'s <c>ignore='biasbn'</c>.</summary>
    Zero,

    /// <summary>Set it to the bias itself, as Li et al.'s code does without <c>ignore='biasbn'</c>.</summary>
    CopyParameter,
}
