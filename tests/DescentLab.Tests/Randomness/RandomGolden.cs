using System.Text.Json;

namespace DescentLab.Tests.Randomness;

/// <summary>Reads the golden files written by tests/reference/random_golden.py (NumPy 1.24, torch 1.13).</summary>
internal static class RandomGolden
{
    public static JsonElement Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "golden", "random", name);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    public static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetDouble())];

    // The files hold float32 values as the doubles they widen to, so narrowing them back is exact.
    public static float[] Singles(JsonElement array) => [.. array.EnumerateArray().Select(v => (float)v.GetDouble())];

    public static long[] Int64s(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetInt64())];

    public static int[] Int32s(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetInt32())];

    public static uint[] UInt32s(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetUInt32())];
}
