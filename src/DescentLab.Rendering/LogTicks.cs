namespace DescentLab.Rendering;

/// <summary>Where an axis or colour bar on a log scale puts its ticks, for the static figures and the report alike.</summary>
internal static class LogTicks
{
    /// <summary>
    /// The ticks m·10^d (m = 1…9) whose log10 lies in [<paramref name="low"/>, <paramref name="high"/>], and which of them
    /// are labelled: 1, 2 and 5 of each decade when the range touches at most three whole decades, the powers of ten beyond;
    /// every tick when that would label fewer than two (a range narrower than a decade, such as 0.27 to 0.52).
    /// </summary>
    public static IEnumerable<(int Decade, int Multiplier, bool Major)> Between(double low, double high)
    {
        var first = (int)Math.Floor(low);
        var last = (int)Math.Ceiling(high);
        var fewDecades = last - first <= 3;
        var ticks = new List<(int Decade, int Multiplier, bool Major)>();
        for (var decade = first; decade <= last; decade++)
        {
            for (var m = 1; m <= 9; m++)
            {
                var position = decade + Math.Log10(m);
                if (position < low - 1e-9 || position > high + 1e-9)
                {
                    continue;
                }

                ticks.Add((decade, m, m == 1 || (fewDecades && m is 2 or 5)));
            }
        }

        return ticks.Count(t => t.Major) >= 2 ? ticks : [.. ticks.Select(t => (t.Decade, t.Multiplier, true))];
    }
}
