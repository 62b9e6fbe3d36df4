using System.Text.Json;
using DescentLab.Data;
using DescentLab.Models;

namespace DescentLab.Tests.Landscapes;

/// <summary>The seed notebook's data and NumPy's surfaces and spectrum, from tests/reference/landscape_golden.py.</summary>
internal static class SeedGolden
{
    private static readonly Lazy<JsonElement> Root = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "golden", "landscapes", "seed_landscapes.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    });

    private static readonly Lazy<Problem> SeedProblem = new(() =>
        new Problem(new Dataset(["x"], [Array("x")], "y", Array("y")), 2));

    public static Problem Problem => SeedProblem.Value;

    public static double CHat => Root.Value.GetProperty("c_hat").GetDouble();

    public static double[] Array(params string[] path) => [.. Get(path).EnumerateArray().Select(e => e.GetDouble())];

    public static double[][] Matrix(params string[] path) =>
        [.. Get(path).EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.GetDouble()).ToArray())];

    public static double[][][] Matrices(params string[] path) =>
        [.. Get(path).EnumerateArray().Select(m => m.EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray())];

    public static double Number(params string[] path) => Get(path).GetDouble();

    public static JsonElement Get(params string[] path)
    {
        var e = Root.Value;
        foreach (var name in path)
        {
            e = int.TryParse(name, out var index) ? e[index] : e.GetProperty(name);
        }

        return e;
    }

    /// <summary>The seed's batches of the sequential sampler: [0, 25), [25, 50), [50, 75), [75, 100).</summary>
    public static int[][] SequentialBatches() => [.. Enumerable.Range(0, 4).Select(k => Enumerable.Range(k * 25, 25).ToArray())];
}
