using System.Globalization;

namespace DescentLab.Io;

/// <summary>Makes input safe to quote in a one-line message: control characters escaped, long text cut to an excerpt.</summary>
public static class MessageText
{
    /// <summary>The most characters of one quoted input value in a message.</summary>
    public const int ExcerptLength = 40;

    /// <summary>The most characters of a whole message.</summary>
    public const int MessageLength = 500;

    /// <summary><paramref name="text"/> with control characters escaped (\n, \r, \t, \x1b, …) and cut to <paramref name="max"/> characters with "…".</summary>
    public static string Excerpt(string text, int max = ExcerptLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = Escape(text);
        return escaped.Length <= max ? escaped : string.Concat(escaped.AsSpan(0, max), "…");
    }

    /// <summary>A message on one line: control characters escaped, cut to <see cref="MessageLength"/> characters.</summary>
    public static string OneLine(string message) => Excerpt(message, MessageLength);

    private static string Escape(string text) => !text.Any(IsUnsafe) ? text : string.Concat(text.Select(c => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ when !IsUnsafe(c) => c.ToString(),
        < '\u0100' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
    }));

    /// <summary>Control characters (C0, DEL, C1) and the bidirectional overrides that can disguise text on a terminal.</summary>
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029';
}
