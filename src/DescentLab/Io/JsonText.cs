using System.Text.Encodings.Web;

namespace DescentLab.Io;

/// <summary>What the JSON writers share: the text encoder.</summary>
internal static class JsonText
{
    /// <summary>Escapes only what JSON requires, so names such as <c>x^2</c> or <c>a+b</c> stay readable; these files are never embedded in HTML as they are.</summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
}
