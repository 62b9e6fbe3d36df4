using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DescentLab.Rendering;

/// <summary>Writes plotly figure JSON: compact numbers, user text made inert for plotly's HTML-like labels and for a script block.</summary>
internal sealed class PlotlyJson : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer;

    /// <summary>A writer whose buffer starts at <paramref name="initialCapacity"/> bytes and grows as needed.</summary>
    public PlotlyJson(int initialCapacity = 1 << 20)
    {
        _buffer = new ArrayBufferWriter<byte>(initialCapacity);
        // JavaScriptEncoder.Default escapes '<', '>' and '&' (as \u003C …), so no "</script>" can appear in the output.
        Writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.Default, SkipValidation = false });
    }

    public Utf8JsonWriter Writer { get; }

    /// <summary>The JSON written so far, as text.</summary>
    public string Text()
    {
        Writer.Flush();
        return System.Text.Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    /// <summary>The JSON written so far, as UTF-8 bytes.</summary>
    public byte[] Bytes()
    {
        Writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => Writer.Dispose();

    /// <summary>Writes a label that plotly renders: &amp;, &lt; and &gt; are encoded, since plotly interprets tags in labels.</summary>
    /// <remarks>Only these: plotly decodes a few named entities (amp, lt, gt, nbsp, …) but not &amp;quot;, which it would show as typed.</remarks>
    public void Label(string name, string text) => Writer.WriteString(name, LabelText(text));

    /// <summary>The text plotly shows as <paramref name="text"/>.</summary>
    public static string LabelText(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Writes a string plotly takes literally (colours, modes, ids).</summary>
    public void String(string name, string value) => Writer.WriteString(name, value);

    public void Number(string name, double value)
    {
        Writer.WritePropertyName(name);
        Value(value);
    }

    public void Bool(string name, bool value) => Writer.WriteBoolean(name, value);

    /// <summary>Writes a number with 7 significant digits (plenty to draw, half the size of round-trip digits); null when not finite, which plotly draws as a gap.</summary>
    public void Value(double value)
    {
        if (!double.IsFinite(value))
        {
            Writer.WriteNullValue();
            return;
        }

        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out var written, "G7", CultureInfo.InvariantCulture);
        Writer.WriteRawValue(text[..written], skipInputValidation: true);
    }

    public void Array(string name, ReadOnlySpan<double> values)
    {
        Writer.WriteStartArray(name);
        foreach (var v in values)
        {
            Value(v);
        }

        Writer.WriteEndArray();
    }

    /// <summary>Writes a grid row-major with <paramref name="columns"/> values per row, as plotly's z[y][x].</summary>
    public void Grid(string name, ReadOnlySpan<double> values, int columns, Func<double, double>? transform = null)
    {
        Writer.WriteStartArray(name);
        for (var start = 0; start < values.Length; start += columns)
        {
            Writer.WriteStartArray();
            foreach (var v in values.Slice(start, columns))
            {
                Value(transform is null ? v : transform(v));
            }

            Writer.WriteEndArray();
        }

        Writer.WriteEndArray();
    }

    public void StartObject(string? name = null)
    {
        if (name is null)
        {
            Writer.WriteStartObject();
        }
        else
        {
            Writer.WriteStartObject(name);
        }
    }

    public void EndObject() => Writer.WriteEndObject();

    public void StartArray(string? name = null)
    {
        if (name is null)
        {
            Writer.WriteStartArray();
        }
        else
        {
            Writer.WriteStartArray(name);
        }
    }

    public void EndArray() => Writer.WriteEndArray();

    /// <summary>Writes {"text": …} for plotly's title attributes (plotly.js 3 no longer takes a bare string).</summary>
    public void Title(string name, string text)
    {
        StartObject(name);
        Label("text", text);
        EndObject();
    }
}
