using System.Globalization;

namespace DescentLab.Statistics;

/// <summary>How the CSV files write and read numbers: shortest round-trip form, "inf"/"-inf"/"nan", empty for none.</summary>
/// <remarks>
/// The round-trip form reads back to the same double, so a script that computes from the CSV (NumPy's
/// <c>float()</c> reads "inf" and "nan" too) sees exactly the values DescentLab used, and a merged file is byte for byte
/// the unsharded one.
/// </remarks>
public static class CsvNumbers
{
    /// <summary>The text of <paramref name="value"/>.</summary>
    public static string Format(double value) =>
        double.IsNaN(value) ? "nan"
        : double.IsPositiveInfinity(value) ? "inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The text of <paramref name="value"/>, empty for null.</summary>
    public static string Format(double? value) => value.HasValue ? Format(value.Value) : string.Empty;

    /// <summary>The text of <paramref name="value"/>, empty for null.</summary>
    public static string Format(long? value) => value.HasValue ? value.Value.ToString(CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>Reads a number written by <see cref="Format(double)"/>.</summary>
    public static double Parse(string text) => text switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>Quotes a text cell if it holds a comma, quote or line break (RFC 4180).</summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
