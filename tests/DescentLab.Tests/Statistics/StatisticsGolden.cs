using System.Text.Json;

namespace DescentLab.Tests.Statistics;

/// <summary>Reads the files written by tests/reference/statistics_golden.py (NumPy 1.24) and DescentLab's CSV export it reads.</summary>
internal static class StatisticsGolden
{
    public static JsonElement Expected { get; } = Load();

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "golden", "statistics", name);

    // JSON has no infinity, so the script writes it as the CSV files do: "inf".
    public static double[] Doubles(JsonElement array) =>
        [.. array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? DescentLab.Io.CsvNumbers.Parse(v.GetString()!) : v.GetDouble())];

    private static JsonElement Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path("expected.json")));
        return document.RootElement.Clone();
    }
}
