using System.Globalization;
using System.Text;

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

    private static string Escape(string text)
    {
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var b = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (IsUnsafe(c))
                    {
                        b.Append(c < 0x100 ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}") : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"));
                    }
                    else
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        return b.ToString();
    }

    /// <summary>Control characters (C0, DEL, C1) and the bidirectional overrides that can disguise text on a terminal.</summary>
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029';
}
