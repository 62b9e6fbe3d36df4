namespace DescentLab.Statistics;

/// <summary>A comparison point that could not be compared for some methods, and why.</summary>
/// <param name="Axis">Whether the point is an epoch or an update count.</param>
/// <param name="At">The epoch or update count asked for.</param>
/// <param name="Methods">The methods whose runs end before the point or did not record it; every pair with one of them is skipped there.</param>
/// <param name="Reason">Why, in words: "past the end of gd (60 epochs)".</param>
public sealed record SkippedComparison(ComparisonAxis Axis, long At, IReadOnlyList<string> Methods, string Reason)
{
    /// <summary>The point and the reason in one line: "epoch 300: past the end of gd, sgd (60 epochs)".</summary>
    public string Message => (Axis == ComparisonAxis.Epoch ? "epoch " : "update ") + At.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + Reason;
}
