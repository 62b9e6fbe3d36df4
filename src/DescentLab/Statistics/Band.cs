namespace DescentLab.Statistics;

/// <summary>A quantity's lower quantile, median and upper quantile across replicates at every point of a grid.</summary>
/// <param name="Lower">The lower quantile per grid point.</param>
/// <param name="Median">The median per grid point.</param>
/// <param name="Upper">The upper quantile per grid point.</param>
public sealed record Band(IReadOnlyList<double> Lower, IReadOnlyList<double> Median, IReadOnlyList<double> Upper);
