using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using DescentLab.Io;

namespace DescentLab.Cli.Tests;

/// <summary>
/// Mutated CSV data, experiment files and sweep files through the whole command, in process: each case exits 0 with a
/// marked output folder, or 2 with one line naming the culprit and nothing written; never 1, never a hang.
/// </summary>
/// <remarks>
/// The case count is DESCENTLAB_FUZZ_CASES (default 5,000 in all, split over the three formats) for a longer run. Each
/// case runs under a timeout: past it the case is cancelled, and one that still does not return fails as a hang.
/// </remarks>
public sealed class FuzzTests : IDisposable
{
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(10);

    private static readonly string[] Spellings =
    [
        "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "-Infinity", "∞", "1e308", "-1e308", "1.8e308", "1e155", "1e77",
        "5e-324", "1e-323", "2.2e-308", "1e-200", "0", "-0", "0x10", "1,5", "1_000", " 7 ", "\"3\"", "", "1e", "+", "٣",
        "12345678901234567890", "-1", "2147483647", "-2147483648", "4294967296", "true", "null",
    ];

    private static readonly string[] Texts = ["", " ", "\"", "\"\"", ",", "\r\n", "\n", "\t", "\uFEFF", "é", "\u202e", "\u001b[31m", "\0", "@x", "=1+1", "'", "\\", "{", "}", "[", "]", ":"];

    private readonly Sandbox _box = new();

    /// <summary>The cases this test has checked.</summary>
    private int _checked;

    public void Dispose() => _box.Dispose();

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("DESCENTLAB_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 5000;

    [Fact]
    public void Run_MutatedCsvData_ExitsZeroOrTwoCleanly()
    {
        Mutations(ValidCsv()).Select(Gen.Int[1, 4], Gen.Int[1, 6])
            .Sample((text, degree, batch) => Check("d.csv", text, ["run", "--data", "{file}", "--degree", Number(degree), "--batch-size", Number(batch), "--epochs", "2"]), iter: Cases / 2, threads: 1);
        Report("CSV data");
    }

    [Fact]
    public void Run_MutatedExperimentFile_ExitsZeroOrTwoCleanly()
    {
        JsonMutations(ValidExperiment())
            .Sample(text => Check("e.json", text, ["run", "--config", "{file}", "--epochs", "2", "--replicates", "1"]), iter: Cases * 3 / 10, threads: 1);
        Report("experiment files");
    }

    [Fact]
    public void Sweep_MutatedSweepFile_ExitsZeroOrTwoCleanly()
    {
        JsonMutations(ValidSweep())
            .Sample(text => Check("s.json", text, ["sweep", "--config", "{file}", "--replicates", "1", "--threads", "1"]), iter: Cases / 5, threads: 1);
        Report("sweep files");
    }

    /// <summary>
    /// Appends "N KIND" to the file DESCENTLAB_FUZZ_REPORT names, N being the cases this test checked, so that CI can
    /// print how many cases ran.
    /// </summary>
    private void Report(string kind)
    {
        if (Environment.GetEnvironmentVariable("DESCENTLAB_FUZZ_REPORT") is { Length: > 0 } path)
        {
            File.AppendAllText(path, string.Create(CultureInfo.InvariantCulture, $"{_checked} {kind}\n"));
        }
    }

    private void Check(string name, string text, string[] args)
    {
        _checked++;
        var file = _box.WriteFile(name, text);
        var out_ = _box.PathOf("out");
        string[] full = [.. args.Select(a => a == "{file}" ? file : a), "--figures", "none", "--no-report", "--quiet", "--out", out_];
        using var cancel = new CancellationTokenSource(CaseTimeout);
        var task = Task.Run(() => Sandbox.Run(false, null, cancel.Token, full));
        if (!task.Wait(CaseTimeout * 2))
        {
            Assert.Fail($"hang: {Show(text)}");
        }

        var result = task.Result;
        try
        {
            var what = $"exit {result.ExitCode}: {result.Error.TrimEnd()} for {Show(text)}";
            Assert.True(result.ExitCode is 0 or 2, what);
            if (result.ExitCode == 0)
            {
                Assert.True(OutputFolder.IsMarked(out_), what);
                Assert.Equal(new[] { name, "out" }.Order(StringComparer.Ordinal), _box.Entries().Where(e => !e.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)));
            }
            else
            {
                Assert.StartsWith("descentlab: ", result.Error, StringComparison.Ordinal);
                Assert.True(result.Error.TrimEnd('\n').Split('\n').Length == 1 || result.Error.Contains("Try 'descentlab --help'", StringComparison.Ordinal), what);
                Assert.True(result.Error.Length < 800, what);
                Assert.False(result.Error.Any(c => char.IsControl(c) && c != '\n'), what);
                Assert.Equal([name], _box.Entries());
            }
        }
        finally
        {
            if (Directory.Exists(out_))
            {
                Directory.Delete(out_, recursive: true);
            }
        }
    }

    private static string Show(string text) => MessageText.Excerpt(text, 300);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string ValidCsv()
    {
        var b = new StringBuilder("x,y\n");
        for (var i = 0; i < 12; i++)
        {
            var x = (i - 6) / 3.0;
            b.Append(CultureInfo.InvariantCulture, $"{x},{(2 * x * x) + x - 1 + (0.1 * Math.Sin(i))}\n");
        }

        return b.ToString();
    }

    private static string ValidExperiment() =>
        """
        {
          "name": "fuzz",
          "seed": 3,
          "degree": 2,
          "data": { "kind": "polynomial", "count": 20, "xLow": -2, "xHigh": 2, "coefficients": [1, 2, 3], "noiseSd": 0.5 },
          "methods": [
            { "name": "gd", "sampler": { "kind": "full-batch" }, "optimizer": { "kind": "sgd", "lr": 0.01 } },
            { "name": "adam", "sampler": { "kind": "reshuffle", "batchSize": 5 }, "optimizer": { "kind": "adam", "lr": 0.01 } }
          ],
          "training": { "epochs": 5, "recordEvery": 1 },
          "output": { "figures": "none", "report": false }
        }
        """;

    private static string ValidSweep() =>
        """
        {
          "name": "fuzz-sweep",
          "seed": 1,
          "epochs": 3,
          "replicates": 2,
          "sweep": { "lr": [0.001, 0.01], "batchSize": [5, 10], "sampler": ["reshuffle"], "optimizer": ["sgd"] }
        }
        """;

    /// <summary>Text mutations: byte-level flips, cuts, insertions of odd numbers and characters, BOM, CRLF, duplicated lines.</summary>
    private static Gen<string> Mutations(string valid) =>
        Gen.Int[1, 3].SelectMany(count => Mutation(valid).Array[count].Select(ms => ms.Aggregate(valid, (text, m) => m(text))));

    private static Gen<Func<string, string>> Mutation(string valid) => Gen.OneOf(
        Gen.Int[0, valid.Length - 1].Select(Gen.Char).Select<int, char, Func<string, string>>((i, c) => t => i < t.Length ? t[..i] + c + t[(i + 1)..] : t),
        Gen.Int[0, valid.Length].Select<int, Func<string, string>>(i => t => t[..Math.Min(i, t.Length)]),
        Gen.Int[0, valid.Length].Select(Gen.OneOfConst(Spellings)).Select<int, string, Func<string, string>>((i, s) => t => t[..Math.Min(i, t.Length)] + s + t[Math.Min(i, t.Length)..]),
        Gen.Int[0, valid.Length].Select(Gen.OneOfConst(Texts)).Select<int, string, Func<string, string>>((i, s) => t => t[..Math.Min(i, t.Length)] + s + t[Math.Min(i, t.Length)..]),
        Gen.OneOfConst(Spellings).Select<string, Func<string, string>>(s => t => ReplaceANumber(t, s)),
        Gen.Const<Func<string, string>>(t => "\uFEFF" + t),
        Gen.Const<Func<string, string>>(t => t.Replace("\n", "\r\n", StringComparison.Ordinal)),
        Gen.Int[0, 20].Select<int, Func<string, string>>(k => t =>
        {
            var lines = t.Split('\n');
            var i = k % lines.Length;
            return string.Join('\n', lines.Take(i + 1).Append(lines[i]).Concat(lines.Skip(i + 1)));
        }));

    /// <summary>Replaces the first number in the text with <paramref name="replacement"/>.</summary>
    private static string ReplaceANumber(string text, string replacement)
    {
        var start = text.AsSpan().IndexOfAnyInRange('0', '9');
        if (start < 0)
        {
            return text;
        }

        var end = start;
        while (end < text.Length && (char.IsDigit(text[end]) || text[end] is '.' or 'e' or '-'))
        {
            end++;
        }

        return text[..start] + replacement + text[end..];
    }

    /// <summary>JSON mutations: every field replaced by a value of another type, removed or duplicated, plus the text mutations.</summary>
    private static Gen<string> JsonMutations(string valid)
    {
        var paths = Paths(JsonNode.Parse(valid)!, "").ToArray();
        JsonNode?[] values =
        [
            null, JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(1e308), JsonValue.Create(5e-324), JsonValue.Create(2147483647L),
            JsonValue.Create(4294967296L), JsonValue.Create(1e-300), JsonValue.Create(""), JsonValue.Create("x"), JsonValue.Create(true), new JsonArray(),
            new JsonObject(), new JsonArray(JsonValue.Create(1), JsonValue.Create("a")), JsonValue.Create("\u202e\u001b[2J"),
        ];
        var structural = Gen.Int[0, paths.Length - 1].Select(Gen.Int[0, values.Length], (p, v) =>
        {
            var root = JsonNode.Parse(valid)!;
            var (parent, key) = Locate(root, paths[p]);
            if (v == values.Length)
            {
                // Removed, or repeated (a duplicate key written by hand).
                if (parent is JsonObject o && key is string k)
                {
                    var copy = o[k]?.ToJsonString() ?? "null";
                    o.Remove(k);
                    var text = root.ToJsonString();
                    return paths[p].Length % 2 == 0 ? text : text.Insert(text.IndexOf('{', StringComparison.Ordinal) + 1, $"\"{k}\": {copy}, \"{k}\": {copy},");
                }

                return root.ToJsonString();
            }

            var value = values[v]?.DeepClone();
            switch (parent)
            {
                case JsonObject o when key is string k:
                    o[k] = value;
                    break;
                case JsonArray a when key is int i:
                    a[i] = value;
                    break;
            }

            return root.ToJsonString();
        });
        return Gen.Frequency((3, structural), (2, Mutations(valid)));
    }

    private static IEnumerable<string> Paths(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    var p = $"{path}/{k}";
                    yield return p;
                    if (v is not null)
                    {
                        foreach (var inner in Paths(v, p))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var p = $"{path}/{i}";
                    yield return p;
                    if (a[i] is { } v)
                    {
                        foreach (var inner in Paths(v, p))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
        }
    }

    private static (JsonNode Parent, object Key) Locate(JsonNode root, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = node is JsonArray a ? a[int.Parse(parts[i], CultureInfo.InvariantCulture)]! : node[parts[i]]!;
        }

        var last = parts[^1];
        return node is JsonArray ? (node, int.Parse(last, CultureInfo.InvariantCulture)) : (node, last);
    }
}
