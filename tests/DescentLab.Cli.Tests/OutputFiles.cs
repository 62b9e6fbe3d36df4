using System.Text.Json;

namespace DescentLab.Cli.Tests;

/// <summary>Reads an output folder's files for assertions.</summary>
internal static class OutputFiles
{
    public static JsonElement Summary(string folder) => Json(Path.Combine(folder, "summary.json"));

    public static JsonElement Experiment(string folder) => Json(Path.Combine(folder, "experiment.json"));

    public static JsonElement Json(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>summary.json up to its "timing" section, the part that must not change between runs.</summary>
    public static string SummaryWithoutTiming(string folder)
    {
        var text = File.ReadAllText(Path.Combine(folder, "summary.json"));
        var cut = text.IndexOf("\"timing\"", StringComparison.Ordinal);
        Assert.True(cut > 0, "summary.json has a timing section");
        return text[..cut];
    }

    public static string[] MethodNames(JsonElement summary) =>
        [.. summary.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("name").GetString()!)];

    public static JsonElement Method(JsonElement summary, string name) =>
        summary.GetProperty("methods").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name);

    public static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];
}
