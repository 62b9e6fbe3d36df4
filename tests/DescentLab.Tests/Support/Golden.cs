using System.Text.Json;

namespace DescentLab.Tests.Support;

/// <summary>Reads golden files written by the scripts in tests/reference/.</summary>
internal static class Golden
{
    public static JsonDocument Load(params string[] parts) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine([AppContext.BaseDirectory, "golden", .. parts])));

    public static double[] Doubles(this JsonElement element) =>
        [.. element.EnumerateArray().Select(e => e.GetDouble())];

    public static double[][] Rows(this JsonElement element) =>
        [.. element.EnumerateArray().Select(Doubles)];

    /// <summary>Asserts |actual − expected| ≤ relative·|expected| + absolute, naming what is compared on failure.</summary>
    public static void Close(double expected, double actual, double relative, double absolute, string what)
    {
        var allowed = (relative * Math.Abs(expected)) + absolute;
        if (!(Math.Abs(actual - expected) <= allowed))
        {
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(actual - expected):E3}, allowed {allowed:E3})");
        }
    }
}
