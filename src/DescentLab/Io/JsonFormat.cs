using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace DescentLab.Io;

/// <summary>
/// Reads and writes the DTOs of <see cref="SpecJsonContext"/> and words every error as "path: what is wrong", so that a
/// file format is its DTOs and one mapping step.
/// </summary>
/// <remarks>
/// System.Text.Json finds wrong types and unknown fields (UnmappedMemberHandling.Disallow) and says where (the path);
/// the words come from the DTO's metadata and the value found there: "epochs: expected an integer, got the number 1.5".
/// Two rules the serializer does not know are checked here against the same metadata: a JSON null is refused wherever
/// the DTO does not take a <see cref="JsonElement"/> (a nullable DTO field means "absent", not "null"), and a number
/// read as a double must be finite. Repeated fields are refused before the serializer runs, as they are in every object.
/// </remarks>
internal static partial class JsonFormat
{
    /// <summary>The path of the document itself, as written in a message.</summary>
    public const string TopLevel = "(top level)";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    /// <summary>Parses <paramref name="json"/> into a document, wording syntax errors with their line and byte.</summary>
    /// <exception cref="SpecFormatException">The text is not JSON, or a field appears twice in an object.</exception>
    public static JsonDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            // The reader's position is data (LineNumber, BytePositionInLine); its own text repeats it at the end.
            var detail = e.Message;
            var cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
            detail = cut > 0 ? detail[..cut] : detail;

            // The reader's advice is meant for programmers, not for whoever edits the file.
            detail = detail.Replace(" Change the reader options.", string.Empty, StringComparison.Ordinal);
            throw new SpecFormatException(
                string.Create(CultureInfo.InvariantCulture, $"line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: invalid JSON: {detail}"),
                e);
        }

        try
        {
            CheckRepeats(document.RootElement, "$");
            return document;
        }
        catch (InvalidOperationException e)
        {
            document.Dispose();
            throw Unpaired(e);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>Reads the value at <paramref name="path"/> as a <typeparamref name="T"/>, every error located below that path.</summary>
    /// <exception cref="SpecFormatException">A value has the wrong type, is null or not finite where that is not allowed, or a field is unknown.</exception>
    public static T Read<T>(JsonElement element, string path, JsonTypeInfo<T> info)
    {
        T? value;
        try
        {
            value = element.Deserialize(info);
        }
        catch (JsonException e) when (e.Path is not null)
        {
            throw Explain(element, path, info, e);
        }
        catch (InvalidOperationException e)
        {
            throw Unpaired(e);
        }

        CheckValues(element, path, info);
        return value ?? throw new SpecFormatException(Display(path), $"expected {Expected(info)}, got {Describe(element)}.");
    }

    /// <summary>Writes <paramref name="value"/> as indented UTF-8 JSON, and a final newline unless <paramref name="finalNewline"/> is false.</summary>
    public static void Write<T>(T value, JsonTypeInfo<T> info, Stream stream, bool finalNewline = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JsonText.Encoder }))
        {
            JsonSerializer.Serialize(writer, value, info);
        }

        if (finalNewline)
        {
            stream.WriteByte((byte)'\n');
        }
    }

    /// <summary><paramref name="value"/> as indented JSON text with a final newline.</summary>
    public static string Write<T>(T value, JsonTypeInfo<T> info)
    {
        using var stream = new MemoryStream();
        Write(value, info, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary><paramref name="value"/> as a JSON value, for a DTO field that holds one of several shapes.</summary>
    public static JsonElement Element<T>(T value, JsonTypeInfo<T> info) => JsonSerializer.SerializeToElement(value, info);

    /// <summary>The path of field <paramref name="name"/> of the object at <paramref name="path"/>, as shown to a user.</summary>
    public static string PathOf(string path, string name) => path == "$" ? name : $"{path}.{name}";

    /// <summary>The path of item <paramref name="index"/> of the list at <paramref name="path"/>.</summary>
    public static string PathOf(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    /// <summary>A path as shown in a message: the document itself is "(top level)".</summary>
    public static string Display(string path) => path == "$" ? TopLevel : path;

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

    /// <summary>System.Text.Json refuses a lone surrogate such as "\ud800" only when the text is read, wherever it is.</summary>
    private static SpecFormatException Unpaired(InvalidOperationException e) =>
        new("(text)", "a string holds an unpaired UTF-16 surrogate escape (such as \\ud800); JSON text must be valid Unicode.", e);

    private static void CheckRepeats(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!seen.Add(property.Name))
                    {
                        throw new SpecFormatException(PathOf(path, property.Name), "the field appears twice.");
                    }
                }

                foreach (var property in element.EnumerateObject())
                {
                    CheckRepeats(property.Value, PathOf(path, property.Name));
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckRepeats(item, PathOf(path, i++));
                }

                break;
        }
    }

    /// <summary>Refuses nulls and non-finite numbers where the DTO holds a typed value; a <see cref="JsonElement"/> field takes anything.</summary>
    private static void CheckValues(JsonElement element, string path, JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (type == typeof(JsonElement))
        {
            return;
        }

        if (element.ValueKind == JsonValueKind.Null || (type == typeof(double) && !(element.TryGetDouble(out var v) && double.IsFinite(v))))
        {
            throw new SpecFormatException(Display(path), $"expected {Expected(info)}, got {Describe(element)}.");
        }

        if (info.Kind == JsonTypeInfoKind.Object && element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                // A field the DTO does not name went to its extension data, which takes any value and is read later.
                if (info.Properties.FirstOrDefault(p => p.Name == property.Name) is { } field)
                {
                    CheckValues(property.Value, PathOf(path, property.Name), info.Options.GetTypeInfo(field.PropertyType));
                }
            }
        }
        else if (info.Kind == JsonTypeInfoKind.Enumerable && element.ValueKind == JsonValueKind.Array && info.ElementType is { } itemType)
        {
            var itemInfo = info.Options.GetTypeInfo(itemType);
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                CheckValues(item, PathOf(path, i++), itemInfo);
            }
        }
    }

    /// <summary>Words the serializer's error at its path: an unknown field with the fields known there, or the type expected there.</summary>
    private static SpecFormatException Explain(JsonElement root, string path, JsonTypeInfo info, JsonException e)
    {
        var element = root;
        foreach (var segment in Segments(e.Path!))
        {
            if (segment is int index)
            {
                if (info.ElementType is not { } itemType || element.ValueKind != JsonValueKind.Array || index >= element.GetArrayLength())
                {
                    break;
                }

                info = info.Options.GetTypeInfo(itemType);
                element = element[index];
                path = PathOf(path, index);
                continue;
            }

            var name = (string)segment;
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
            {
                break;
            }

            path = PathOf(path, name);
            var field = info.Kind == JsonTypeInfoKind.Object ? info.Properties.FirstOrDefault(p => p.Name == name) : null;
            if (field is null)
            {
                var known = string.Join(", ", info.Properties.Select(p => p.Name).Order(StringComparer.Ordinal));
                return new SpecFormatException(path, $"unknown field; known fields here: {known}.", e);
            }

            info = info.Options.GetTypeInfo(field.PropertyType);
            element = value;
        }

        if (element.ValueKind == JsonValueKind.String && (Nullable.GetUnderlyingType(info.Type) ?? info.Type) == typeof(string))
        {
            return new SpecFormatException(Display(path), "the string holds an unpaired UTF-16 surrogate escape (such as \\ud800); JSON text must be valid Unicode.", e);
        }

        return new SpecFormatException(Display(path), $"expected {Expected(info)}, got {Describe(element)}.", e);
    }

    /// <summary>The segments of a serializer path such as <c>$.methods[0]['odd.name']</c>: names and indexes.</summary>
    private static IEnumerable<object> Segments(string path) =>
        SegmentPattern().Matches(path).Select(m =>
            m.Groups["index"].Success ? int.Parse(m.Groups["index"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture)
            : m.Groups["name"].Success ? m.Groups["name"].Value
            : (object)m.Groups["quoted"].Value.Replace("\\'", "'", StringComparison.Ordinal));

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^'\\]|\\.)*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex SegmentPattern();

    /// <summary>What a DTO field of this type takes, as a message says it.</summary>
    private static string Expected(JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        return type == typeof(int) || type == typeof(long) ? "an integer"
            : type == typeof(uint) ? $"an integer from 0 to {uint.MaxValue}"
            : type == typeof(double) ? "a number"
            : type == typeof(bool) ? "true or false"
            : type == typeof(string) ? "a string"
            : info.Kind == JsonTypeInfoKind.Enumerable ? "a list"
            : "an object";
    }
}
