namespace DescentLab.Landscapes;

/// <summary>How a landscape treats the parameters that are not on its plane.</summary>
public enum LandscapeKind
{
    /// <summary>The other parameters are held at fixed values: the loss on a flat cut through parameter space.</summary>
    Slice,

    /// <summary>
    /// The other parameters are minimised out in closed form: the lowest loss reachable at each point of the plane,
    /// so a path's loss is never below the surface under it.
    /// </summary>
    Profile,
}
