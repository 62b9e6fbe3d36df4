namespace DescentLab.Statistics;

/// <summary>What "at the same point" means when two methods are compared.</summary>
public enum ComparisonAxis
{
    /// <summary>After the same number of epochs (GD's step e against SGD's step 4e on the seed).</summary>
    Epoch,

    /// <summary>After the same number of updates (GD's step k against SGD's step k).</summary>
    Step,
}
