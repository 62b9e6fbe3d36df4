namespace DescentLab.Rendering;

/// <summary>Chooses which rows of a long trajectory are drawn.</summary>
internal static class Thinning
{
    /// <summary>The most points one drawn trace holds.</summary>
    public const int MaxPoints = 5000;

    /// <summary>
    /// At most <paramref name="maxPoints"/> row indices of <paramref name="count"/>, evenly spread, increasing, the
    /// first and last always kept; every row when there are few enough.
    /// </summary>
    public static int[] Rows(int count, int maxPoints = MaxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        if (count <= maxPoints)
        {
            return [.. Enumerable.Range(0, count)];
        }

        // Rounding k·(count−1)/(maxPoints−1) gives distinct rows because the spacing is above 1.
        var rows = new int[maxPoints];
        var spacing = (count - 1) / (double)(maxPoints - 1);
        for (var k = 0; k < maxPoints; k++)
        {
            rows[k] = (int)Math.Round(k * spacing);
        }

        rows[^1] = count - 1;
        return rows;
    }
}
