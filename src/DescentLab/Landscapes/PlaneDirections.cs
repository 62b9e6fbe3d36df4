namespace DescentLab.Landscapes;

/// <summary>What spans a network landscape's plane (Li et al., "Visualizing the Loss Landscape of Neural Nets").</summary>
public enum PlaneDirections
{
    /// <summary>Two Gaussian directions as drawn, one <c>torch.randn</c> per parameter tensor.</summary>
    Random,

    /// <summary>Two Gaussian directions, each filter-normalised to the centre's weights (Li et al. §4).</summary>
    Filter,

    /// <summary>The first two principal components of a trajectory (Li et al. §7).</summary>
    Pca,
}
