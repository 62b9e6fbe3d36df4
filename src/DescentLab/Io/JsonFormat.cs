using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DescentLab.Io;

/// <summary>
/// Reads and writes the DTOs of <see cref="SpecJsonContext"/> and words every error as "path: what is wrong", so that a
/// file format is its DTOs and one mapping step.
/// </summary>
/// <remarks>
/// Before the serializer runs, the value is checked against the DTO's metadata (the serializer's own errors name a path
/// but not what was found): unknown fields, and values of the wrong type, worded from the metadata and the value found
/// there: "epochs: expected an integer, got the number 1.5". Two rules the serializer does not know are checked in the
/// same walk: a JSON null is refused wherever the DTO does not take a <see cref="JsonElement"/> (a nullable DTO field
/// means "absent", not "null"), and a number read as a double must be finite. Repeated fields are refused when the text
/// is parsed, as they are in every object.
/// </remarks>
internal static class JsonFormat
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
        Check(element, path, info);
        return element.Deserialize(info)!;
    }

    /// <summary>Writes <paramref name="value"/> as indented UTF-8 JSON, and a final newline unless <paramref name="finalNewline"/> is false.</summary>
    public static void Write<T>(T value, JsonTypeInfo<T> info, Stream stream, bool finalNewline = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // Escapes only what JSON requires, so names such as x^2 or a+b stay readable; these files are never embedded in HTML as they are.
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(stream, options))
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

    /// <summary>
    /// Checks <paramref name="element"/> against the DTO's metadata, in document order, so that the serializer finds
    /// nothing to refuse: the first unknown field, or value the field does not take (a null, a non-finite number, a
    /// string with an unpaired surrogate), is refused with its path. A <see cref="JsonElement"/> field takes anything.
    /// </summary>
    private static void Check(JsonElement element, string path, JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        var fits = element.ValueKind switch
        {
            _ when type == typeof(JsonElement) => true,
            JsonValueKind.Number when type == typeof(int) => element.TryGetInt32(out _),
            JsonValueKind.Number when type == typeof(long) => element.TryGetInt64(out _),
            JsonValueKind.Number when type == typeof(uint) => element.TryGetUInt32(out _),
            JsonValueKind.Number when type == typeof(double) => element.TryGetDouble(out var v) && double.IsFinite(v),
            JsonValueKind.True or JsonValueKind.False => type == typeof(bool),
            JsonValueKind.String => type == typeof(string),
            JsonValueKind.Array => info.Kind == JsonTypeInfoKind.Enumerable,
            JsonValueKind.Object => info.Kind == JsonTypeInfoKind.Object,
            _ => false,
        };
        if (!fits)
        {
            throw new SpecFormatException(Display(path), $"expected {Expected(info)}, got {Describe(element)}.");
        }

        if (element.ValueKind == JsonValueKind.String && type == typeof(string))
        {
            try
            {
                element.GetString();
            }
            catch (InvalidOperationException e)
            {
                // System.Text.Json refuses a lone surrogate such as "\ud800" only when the string is read.
                const string Unicode = "the string holds an unpaired UTF-16 surrogate escape (such as \\ud800); JSON text must be valid Unicode.";
                throw new SpecFormatException(Display(path), Unicode, e);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array && type != typeof(JsonElement))
        {
            var itemInfo = info.Options.GetTypeInfo(info.ElementType!);
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                Check(item, PathOf(path, i++), itemInfo);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object && type != typeof(JsonElement))
        {
            // A field the DTO does not name goes to its extension data, or is skipped where the DTO says so, or is refused.
            var open = info.Properties.Any(p => p.IsExtensionData) || info.UnmappedMemberHandling == JsonUnmappedMemberHandling.Skip;
            foreach (var property in element.EnumerateObject())
            {
                var fieldPath = PathOf(path, property.Name);
                if (info.Properties.FirstOrDefault(p => p.Name == property.Name && !p.IsExtensionData) is { } field)
                {
                    Check(property.Value, fieldPath, info.Options.GetTypeInfo(field.PropertyType));
                }
                else if (!open)
                {
                    var known = string.Join(", ", info.Properties.Select(p => p.Name).Order(StringComparer.Ordinal));
                    throw new SpecFormatException(fieldPath, $"unknown field; known fields here: {known}.");
                }
            }
        }
    }

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
