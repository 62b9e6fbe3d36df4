using System.Text.Encodings.Web;

namespace DescentLab.Io;

/// <summary>What the JSON writers share: the text encoder and the messages of core exceptions.</summary>
internal static class JsonText
{
    /// <summary>Escapes only what JSON requires, so names such as <c>x^2</c> or <c>a+b</c> stay readable; these files are never embedded in HTML as they are.</summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The message of a core validation exception without .NET's parameter suffix or a leading field name.</summary>
    public static string CoreMessage(ArgumentException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        message = cut >= 0 ? message[..cut] : message;
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        message = newline >= 0 ? message[..newline].TrimEnd() : message;
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && message.AsSpan(0, colon).IndexOfAny(" '\"") < 0)
        {
            message = message[(colon + 2)..];
        }

        return message;
    }
}
