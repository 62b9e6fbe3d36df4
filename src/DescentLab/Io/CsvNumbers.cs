using System.Globalization;
using System.Text;

namespace DescentLab.Io;

/// <summary>
/// How the CSV files write and read numbers (shortest round-trip form, "inf"/"-inf"/"nan", empty for none) and names,
/// and how their rows and files are written.
/// </summary>
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

    /// <summary>
    /// A text cell (a name, never a number): quoted if it holds a comma, quote or line break or starts or ends with
    /// whitespace (RFC 4180); one starting with = + - @ tab or carriage return gets a leading apostrophe and quotes, so
    /// a spreadsheet shows it as text instead of running it as a formula (OWASP, "CSV Injection"). A name that already
    /// starts with apostrophes before such a character gets one more, so <see cref="ReadText"/> gives every name back.
    /// </summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var formula = IsGuarded(value);
        if (formula)
        {
            value = "'" + value;
        }

        var plain = !formula
            && (value.Length == 0 || (!char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1])))
            && value.AsSpan().IndexOfAny(",\"\r\n") < 0;
        return plain ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A text cell as <see cref="Text"/> wrote it, after unquoting: the apostrophe added before a formula character removed.</summary>
    public static string ReadText(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length > 1 && cell[0] == '\'' && IsGuarded(cell.AsSpan(1)) ? cell[1..] : cell;
    }

    /// <summary>Writes <paramref name="header"/> and each row, cells joined by commas, lines ending in "\n".</summary>
    internal static void WriteRows(TextWriter writer, string header, IEnumerable<IEnumerable<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(header);
        writer.Write('\n');
        foreach (var row in rows)
        {
            writer.Write(string.Join(',', row));
            writer.Write('\n');
        }
    }

    /// <summary>Creates or replaces the UTF-8 file (no byte-order mark) at <paramref name="path"/> and writes it with <paramref name="write"/>.</summary>
    internal static void WriteFile(string path, Action<TextWriter> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        write(writer);
    }

    /// <summary>Whether <paramref name="value"/> needs the apostrophe: a formula character after any apostrophes.</summary>
    private static bool IsGuarded(ReadOnlySpan<char> value)
    {
        var rest = value.TrimStart('\'');
        return rest.Length > 0 && rest[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }
}
