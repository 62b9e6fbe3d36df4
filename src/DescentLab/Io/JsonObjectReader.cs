using System.Globalization;
using System.Text.Json;

namespace DescentLab.Io;

/// <summary>Reads one JSON object's fields by name, tracking which were read so that unknown fields can be reported with their path.</summary>
internal sealed class JsonObjectReader
{
    private readonly JsonElement _element;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>Wraps <paramref name="element"/>, which must be an object, found at <paramref name="path"/>.</summary>
    public JsonObjectReader(JsonElement element, string path)
    {
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SpecFormatException(DisplayPath(path), $"expected an object, got {Describe(element)}.");
        }

        _element = element;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new SpecFormatException(PathOf(property.Name), "the field appears twice.");
            }
        }
    }

    /// <summary>The object's own path.</summary>
    public string Path { get; }

    /// <summary>The path of field <paramref name="name"/> as shown to a user (no leading "$.").</summary>
    public string PathOf(string name) => Path == "$" ? name : $"{Path}.{name}";

    /// <summary>Gets field <paramref name="name"/> if present (a JSON null counts as present only for nullable fields read with this method).</summary>
    public bool Get(string name, out JsonElement value, out string path)
    {
        _read.Add(name);
        path = PathOf(name);
        return _element.TryGetProperty(name, out value);
    }

    /// <summary>A string field, or null when absent.</summary>
    public string? String(string name) => Get(name, out var e, out var path) ? String(e, path) : null;

    /// <summary>An integer field, or null when absent.</summary>
    public int? Int(string name) => Get(name, out var e, out var path) ? Int(e, path) : null;

    /// <summary>A number field, or null when absent.</summary>
    public double? Double(string name) => Get(name, out var e, out var path) ? Double(e, path) : null;

    /// <summary>A Boolean field, or null when absent.</summary>
    public bool? Bool(string name)
    {
        if (!Get(name, out var e, out var path))
        {
            return null;
        }

        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new SpecFormatException(path, $"expected true or false, got {Describe(e)}."),
        };
    }

    /// <summary>Throws for the first field that no reader asked for.</summary>
    public void CheckUnknown()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_read.Contains(property.Name))
            {
                var known = string.Join(", ", _read.Order(StringComparer.Ordinal));
                throw new SpecFormatException(PathOf(property.Name), $"unknown field; known fields here: {known}.");
            }
        }
    }

    /// <summary>The element as a string.</summary>
    public static string String(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.String)
        {
            throw new SpecFormatException(path, $"expected a string, got {Describe(e)}.");
        }

        try
        {
            return e.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            // System.Text.Json refuses a lone surrogate such as "\ud800" only when the string is read.
            throw new SpecFormatException(path, "the string holds an unpaired UTF-16 surrogate escape (such as \\ud800); JSON text must be valid Unicode.", ex);
        }
    }

    /// <summary>The element as a 32-bit integer.</summary>
    public static int Int(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : throw new SpecFormatException(path, $"expected an integer, got {Describe(e)}.");

    /// <summary>The element as an unsigned 32-bit integer.</summary>
    public static uint UInt(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetUInt32(out var v)
            ? v
            : throw new SpecFormatException(path, $"expected an integer from 0 to {uint.MaxValue}, got {Describe(e)}.");

    /// <summary>The element as a finite number.</summary>
    public static double Double(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var v) && double.IsFinite(v)
            ? v
            : throw new SpecFormatException(path, $"expected a number, got {Describe(e)}.");

    /// <summary>The element's items; it must be an array.</summary>
    public static IReadOnlyList<JsonElement> Array(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Array ? [.. e.EnumerateArray()] : throw new SpecFormatException(path, $"expected a list, got {Describe(e)}.");

    /// <summary>How a value looks in a message: its kind and, for short values, the value.</summary>
    public static string Describe(JsonElement e)
    {
        var text = e.GetRawText();
        var shown = text.Length <= 40 ? " " + text : string.Empty;
        return e.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "a list",
            JsonValueKind.String => "a string" + shown,
            JsonValueKind.Number => "the number" + shown,
            JsonValueKind.True or JsonValueKind.False => "the Boolean" + shown,
            JsonValueKind.Null => "null",
            _ => e.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
        };
    }

    private static string DisplayPath(string path) => path == "$" ? "(top level)" : path;
}
