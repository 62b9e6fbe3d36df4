using System.Globalization;

namespace DescentLab;

/// <summary>Numbers as messages, the report and figures write them: invariant culture, with the exponent as the console writes it (2.07e-10, not 2.07E-10).</summary>
public static class NumberText
{
    /// <summary><paramref name="value"/> to <paramref name="digits"/> significant digits ("G" format); NaN and ±Infinity as the invariant culture writes them.</summary>
    public static string G(double value, int digits) =>
        value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            .Replace("E+", "e+", StringComparison.Ordinal)
            .Replace("E-", "e-", StringComparison.Ordinal);
}
