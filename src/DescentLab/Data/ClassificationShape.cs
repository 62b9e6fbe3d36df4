namespace DescentLab.Data;

/// <summary>The shapes of the generated classification datasets.</summary>
public enum ClassificationShape
{
    /// <summary>Two interleaving half circles (scikit-learn's <c>make_moons</c>).</summary>
    Moons,

    /// <summary>A large circle around a smaller one (scikit-learn's <c>make_circles</c>).</summary>
    Circles,

    /// <summary>Isotropic Gaussian clusters (scikit-learn's <c>make_blobs</c>).</summary>
    Blobs,

    /// <summary>Points uniform on the square [−1, 1)², labelled by the sign of x₁·x₂ (class 1 where it is negative).</summary>
    Xor,
}
