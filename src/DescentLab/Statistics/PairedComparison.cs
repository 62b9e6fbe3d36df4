namespace DescentLab.Statistics;

/// <summary>
/// Method A against method B at one point: the paired difference of excess loss, A − B, over replicates (same replicate =
/// same data and init), with a bootstrap interval of its mean and the share of replicates in which A is ahead.
/// </summary>
/// <param name="MethodA">The first method (negative differences mean it is ahead).</param>
/// <param name="MethodB">The second method.</param>
/// <param name="Axis">Whether the point is an epoch or an update count.</param>
/// <param name="At">The epoch or update count.</param>
/// <param name="StepA">A's update count at the point.</param>
/// <param name="StepB">B's update count at the point.</param>
/// <param name="Replicates">Paired replicates.</param>
/// <param name="MedianDifference">The median of the paired differences.</param>
/// <param name="Interval">The mean difference and its bootstrap percentile interval.</param>
/// <param name="ShareABetter">The share of replicates with A's excess loss strictly below B's.</param>
public sealed record PairedComparison(
    string MethodA,
    string MethodB,
    ComparisonAxis Axis,
    long At,
    long StepA,
    long StepB,
    int Replicates,
    double MedianDifference,
    BootstrapInterval Interval,
    double ShareABetter);
