namespace DescentLab.Rendering;

/// <summary>Where an axis or colour bar on a log scale puts its ticks, for the static figures and the report alike.</summary>
internal static class LogTicks
{
    /// <summary>
    /// The ticks m·10^d (m = 1…9) whose log10 lies in [<paramref name="low"/>, <paramref name="high"/>], and which of them
    /// are labelled: 1, 2 and 5 of each decade when the range touches at most three whole decades, the powers of ten beyond.
    /// </summary>
    public static IEnumerable<(int Decade, int Multiplier, bool Major)> Between(double low, double high)
    {
        var first = (int)Math.Floor(low);
        var last = (int)Math.Ceiling(high);
        var fewDecades = last - first <= 3;
        for (var decade = first; decade <= last; decade++)
        {
            for (var m = 1; m <= 9; m++)
            {
                var position = decade + Math.Log10(m);
                if (position < low - 1e-9 || position > high + 1e-9)
                {
                    continue;
                }

                yield return (decade, m, m == 1 || (fewDecades && m is 2 or 5));
            }
        }
    }
}
