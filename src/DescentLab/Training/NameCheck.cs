using System.Globalization;
using System.Text;

namespace DescentLab.Training;

/// <summary>What a name (of a method, an optimizer, an experiment) may hold: no control characters.</summary>
/// <remarks>
/// Names end up in tables, CSV cells and figure legends; a newline or a tab would break a row in two or shift its
/// columns, so a name with one is rejected where it is read, before any work.
/// </remarks>
public static class NameCheck
{
    /// <summary>Why <paramref name="name"/> cannot be used, or null if it can.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Any(char.IsControl)
            ? $"'{Escaped(name)}' contains a control character (a newline, tab or the like); names must be printable."
            : null;
    }

    /// <summary><paramref name="name"/> with control characters written as escapes (\n, \t, \u0001), for messages.</summary>
    public static string Escaped(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
