using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DescentLab.Io;

namespace DescentLab.Cli.Tests;

/// <summary>
/// The strict merge: shards edited, damaged or converted after they were written, as a user or a file system would do
/// it. Every refusal exits 2 with one line naming the shard's file, the line and the column.
/// </summary>
public sealed class MergeCommandTests : IDisposable
{
    private const string SmallSweep = """
        {
          "name": "small",
          "epochs": 20,
          "replicates": 3,
          "sweep": { "lr": [0.001, 0.003], "batchSize": [10, 25], "sampler": ["reshuffle", "full-batch"], "optimizer": ["sgd", { "name": "heavy", "kind": "sgd", "momentum": 0.9 }] }
        }
        """;

    private readonly Sandbox _box = new();

    public MergeCommandTests()
    {
        var config = _box.WriteFile("sweep.json", SmallSweep);
        Assert.Equal(0, Sandbox.Run("sweep", "--config", config, "--out", _box.PathOf("whole"), "--quiet").ExitCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, Sandbox.Run("sweep", "--config", config, "--shard", $"{i}/3", "--out", _box.PathOf($"s{i}"), "--quiet").ExitCode);
        }
    }

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Merge_Untouched_EqualsTheUnshardedSweep()
    {
        var result = Merge();

        Assert.Equal(0, result.ExitCode);
        AssertSameAsWhole();
    }

    [Fact]
    public void Merge_EditedFinalExcessLoss_ExitsTwoNamingTheCell()
    {
        // The issue's case: one final_excess_loss edited moved the merged median and exited 0.
        EditCell("s1", 3, "final_excess_loss", _ => "1", rehash: true);

        AssertRefused(Merge(), "s1", "tidy.csv", "line 3, column 'final_excess_loss'");
    }

    [Fact]
    public void Merge_ResultEditedConsistently_CaughtByTheChecksum()
    {
        // final_loss and final_excess_loss edited together still agree with each other: only the SHA-256 tells.
        EditCell("s1", 4, "final_loss", v => CsvNumbers.Format(CsvNumbers.Parse(v) * 2), rehash: false);
        var minimum = CsvNumbers.Parse(CellOf("s1", 4, "minimum_loss"));
        EditCell("s1", 4, "final_excess_loss", _ => CsvNumbers.Format(CsvNumbers.Parse(CellOf("s1", 4, "final_loss")) - minimum), rehash: false);

        var result = Merge();

        AssertRefused(result, "s1", "tidy.csv", "SHA-256");
    }

    [Theory]
    [InlineData("lr", "0.001", "0.003")]
    [InlineData("optimizer", "sgd", "heavy")]
    [InlineData("sampler", "reshuffle", "full-batch")]
    [InlineData("batch_size", "10", "25")]
    public void Merge_EditedSettingWithChecksumRecomputed_ExitsTwoNamingTheCell(string column, string from, string to)
    {
        var line = FirstLineWith("s1", column, from);
        EditCell("s1", line, column, _ => to, rehash: true);

        AssertRefused(Merge(), "s1", "tidy.csv", $"line {line}, column '{column}'");
    }

    [Fact]
    public void Merge_EditedSeedWithChecksumRecomputed_ExitsTwoNamingTheCell()
    {
        EditCell("s2", 5, "seed", v => (long.Parse(v, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture), rehash: true);

        AssertRefused(Merge(), "s2", "tidy.csv", "line 5, column 'seed'");
    }

    [Fact]
    public void Merge_DivergedMaybe_ExitsTwoNamingTheCell()
    {
        EditCell("s0", 2, "diverged", _ => "maybe", rehash: true);

        AssertRefused(Merge(), "s0", "tidy.csv", "line 2, column 'diverged'");
    }

    [Theory]
    [InlineData("final_excess_loss")]
    [InlineData("final_loss")]
    [InlineData("steps")]
    [InlineData("epochs_to_tolerance")]
    [InlineData("cell")]
    public void Merge_NonNumericCell_ExitsTwoNamingTheCell(string column)
    {
        EditCell("s0", 6, column, _ => "abc", rehash: true);

        AssertRefused(Merge(), "s0", "tidy.csv", $"line 6, column '{column}'");
    }

    [Fact]
    public void Merge_ShortRow_ExitsTwoNamingTheFirstMissingColumn()
    {
        EditLine("s2", 7, line => string.Join(',', line.Split(',')[..10]), rehash: true);

        AssertRefused(Merge(), "s2", "tidy.csv", "line 7, column 'minimum_loss'");
    }

    [Fact]
    public void Merge_RowMovedToAnotherShard_ExitsTwo()
    {
        var path = _box.PathOf("s1/tidy.csv");
        var lines = File.ReadAllText(path).Split('\n');
        File.WriteAllText(path, string.Join('\n', lines.Where((_, k) => k != 2)));
        File.AppendAllText(_box.PathOf("s2/tidy.csv"), lines[2] + "\n");
        Rehash("s1");
        Rehash("s2");

        AssertRefused(Merge(), "s2", "tidy.csv", "line 14, column 'cell'");
    }

    [Fact]
    public void Merge_CrLfTidyFile_IsAcceptedAndMergesByteForByte()
    {
        var path = _box.PathOf("s1/tidy.csv");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\n", "\r\n", StringComparison.Ordinal));

        var result = Merge();

        Assert.Equal(0, result.ExitCode);
        AssertSameAsWhole();
    }

    [Fact]
    public void Merge_ReindentedSweepJson_IsTheSameSweep()
    {
        var path = _box.PathOf("s2/sweep.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        File.WriteAllText(path, node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, IndentSize = 4 }).Replace("\n", "\r\n", StringComparison.Ordinal));

        var result = Merge();

        Assert.Equal(0, result.ExitCode);
        AssertSameAsWhole();
    }

    [Fact]
    public void Merge_SweepJsonEditedInOneShard_ExitsTwo()
    {
        var path = _box.PathOf("s1/sweep.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"epochs\": 20", "\"epochs\": 21", StringComparison.Ordinal));

        AssertRefused(Merge(), "s1", "sweep.json", "another sweep");
    }

    [Fact]
    public void Merge_SweepJsonEditedInOneShard_SaysOnlyEditedWhenThisVersionWroteIt()
    {
        var path = _box.PathOf("s1/sweep.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"epochs\": 20", "\"epochs\": 21", StringComparison.Ordinal));

        var result = Merge();

        AssertRefused(result, "s1", "sweep.json", "): edited after the shard was written.");
        Assert.Equal(ShardManifest.CurrentVersion, OutputFiles.Json(_box.PathOf("s1/manifest.json")).GetProperty("version").GetString());
    }

    /// <summary>
    /// A shard whose sweep digest another version computed (another way of reading sweep files) was refused as "edited after
    /// the shard was written", whatever wrote it; the manifest now records the writing version and the message names it.
    /// </summary>
    [Fact]
    public void Merge_DigestOfAnotherVersion_NamesTheVersionThatWroteTheShard()
    {
        RewriteManifest("s1", node =>
        {
            node["version"] = "0.0.9+0123abc";
            node["sweepDigest"] = new string('a', 64);
        });

        var result = Merge();

        AssertRefused(result, "s1", "sweep.json", $"(sweep digest {SweepDigestOf("s1")[..12]}…, not aaaaaaaaaaaa…): edited after the shard was written, or written by DescentLab 0.0.9+0123abc, which may read sweep files differently from this one ({ShardManifest.CurrentVersion}); rerun the shard with this version, or merge with the one that wrote it.");
    }

    /// <summary>Manifests written before the version was recorded (format 1) are still read and merged.</summary>
    [Fact]
    public void Merge_FormatOneManifests_AreReadAndMerged()
    {
        for (var i = 0; i < 3; i++)
        {
            RewriteManifest($"s{i}", node =>
            {
                node["format"] = 1;
                node.Remove("version");
            });
        }

        Assert.Equal(0, Merge().ExitCode);
        AssertSameAsWhole();

        Directory.Delete(_box.PathOf("all"), recursive: true);
        RewriteManifest("s2", node => node["sweepDigest"] = new string('b', 64));
        AssertRefused(Merge(), "s2", "sweep.json", "): edited after the shard was written, or written by an earlier DescentLab, whose manifest records no version, which may read sweep files differently from this one (");
    }

    /// <summary>
    /// Shard 0 rerun from a sweep file edited in between, given first: merge said the two untouched shards were "a shard of
    /// another sweep". It names the shard whose sweep the others do not share.
    /// </summary>
    [Fact]
    public void Merge_OneShardFromAnEditedSweepGivenFirst_NamesThatShard()
    {
        var edited = _box.WriteFile("edited.json", SmallSweep.Replace("\"epochs\": 20", "\"epochs\": 21", StringComparison.Ordinal));
        Directory.Delete(_box.PathOf("s0"), recursive: true);
        Assert.Equal(0, Sandbox.Run("sweep", "--config", edited, "--shard", "0/3", "--out", _box.PathOf("s0"), "--quiet").ExitCode);

        var result = Merge();

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"descentlab: merge: {_box.PathOf("s0")} is a shard of another sweep: its sweep.json differs from {_box.PathOf("s1/sweep.json")} (", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_box.PathOf("all")));
    }

    /// <summary>A folder given twice was reported as "s0/tidy.csv and s0/tidy.csv are both shard 0/3".</summary>
    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public void Merge_FolderGivenTwice_SaysSo(string suffix)
    {
        var result = Sandbox.Run("merge", _box.PathOf("s0"), _box.PathOf("s1"), _box.PathOf("s2"), _box.PathOf("s0") + suffix, "--out", _box.PathOf("all"), "--quiet");

        Assert.Equal(2, result.ExitCode);
        var expected = suffix.Length == 0
            ? $"descentlab: merge: {_box.PathOf("s0")} is given twice.\n"
            : $"descentlab: merge: {_box.PathOf("s0")}/ and {_box.PathOf("s0")} are the same folder, given twice.\n";
        Assert.Equal(expected, result.Error.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.False(Directory.Exists(_box.PathOf("all")));
    }

    [Fact]
    public void Merge_NoManifest_ExitsTwo()
    {
        File.Delete(_box.PathOf("s1/manifest.json"));

        AssertRefused(Merge(), "s1", "manifest.json", "no manifest.json");
    }

    [Theory]
    [InlineData("not json", "invalid JSON")]
    [InlineData("drop rows", "a field missing")]
    [InlineData("extra", "(at $.extra)")]
    [InlineData("shard 5/4", "shard: '5/4' is not a shard i/N with 0 ≤ i < N.")]
    [InlineData("format 3", "format: 3; this version reads formats 1 and 2.")]
    [InlineData("format 1 with a version", "version: a format 1 manifest records no version.")]
    [InlineData("no version", "version: missing; a format 2 manifest records the DescentLab version that wrote it.")]
    public void Merge_ManifestDamaged_ExitsTwo(string damage, string message)
    {
        var path = _box.PathOf("s0/manifest.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        switch (damage)
        {
            case "drop rows": node.Remove("rows"); break;
            case "extra": node["extra"] = 1; break;
            case "shard 5/4": node["shard"] = "5/4"; break;
            case "format 3": node["format"] = 3; break;
            case "format 1 with a version": node["format"] = 1; break;
            case "no version": node.Remove("version"); break;
        }

        File.WriteAllText(path, damage == "not json" ? "{ \"format\": 1, " : node.ToJsonString());

        AssertRefused(Merge(), "s0", "manifest.json", message);
    }

    [Fact]
    public void Merge_ShardsOfGivenData_CrLfDataAcceptedEditedDataRefused()
    {
        var rows = string.Concat(Enumerable.Range(0, 20).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k * 0.1},{(k * 0.3) + 1}\n")));
        _box.WriteFile("d.csv", "x,y\n" + rows);
        var config = _box.WriteFile("given.json", """
            { "name": "given", "epochs": 5, "replicates": 2, "data": { "kind": "csv", "path": "d.csv", "x": ["x"], "y": "y" },
              "sweep": { "lr": [0.001, 0.01], "batchSize": [5] } }
            """);
        Assert.Equal(0, Sandbox.Run("sweep", "--config", config, "--out", _box.PathOf("gw"), "--quiet").ExitCode);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(0, Sandbox.Run("sweep", "--config", config, "--shard", $"{i}/2", "--out", _box.PathOf($"g{i}"), "--quiet").ExitCode);
        }

        var data = _box.PathOf("g1/data.csv");
        File.WriteAllText(data, File.ReadAllText(data).Replace("\n", "\r\n", StringComparison.Ordinal));
        Assert.Equal(0, Sandbox.Run("merge", _box.PathOf("g0"), _box.PathOf("g1"), "--out", _box.PathOf("gm"), "--quiet").ExitCode);
        foreach (var name in new[] { "sweep.json", "data.csv", "tidy.csv", "summary.csv" })
        {
            Assert.Equal(File.ReadAllBytes(_box.PathOf($"gw/{name}")), File.ReadAllBytes(_box.PathOf($"gm/{name}")));
        }

        File.WriteAllText(data, File.ReadAllText(data).Replace("\r\n0.5,", "\r\n0.25,", StringComparison.Ordinal));
        var result = Sandbox.Run("merge", _box.PathOf("g0"), _box.PathOf("g1"), "--out", _box.PathOf("gm2"), "--quiet");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{_box.PathOf("g1/sweep.json")} with its data.csv describes another sweep than its manifest.json was written for", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_box.PathOf("gm2")));
    }

    [Fact]
    public void Merge_TidyFileIsADevice_ExitsTwo()
    {
        File.Delete(_box.PathOf("s1/tidy.csv"));
        File.CreateSymbolicLink(_box.PathOf("s1/tidy.csv"), "/dev/zero");

        var result = Merge();

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"merge: cannot read a shard: {_box.PathOf("s1/tidy.csv")} is not a regular file", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_box.PathOf("all")));
    }

    private void RewriteManifest(string shard, Action<JsonObject> change)
    {
        var path = _box.PathOf($"{shard}/manifest.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(node);
        File.WriteAllText(path, node.ToJsonString());
    }

    private string SweepDigestOf(string shard) => SweepFiles.Digest(SweepJson.Read(_box.PathOf($"{shard}/sweep.json")).Spec);

    private CommandResult Merge() => Sandbox.Run("merge", _box.PathOf("s0"), _box.PathOf("s1"), _box.PathOf("s2"), "--out", _box.PathOf("all"), "--quiet");

    private void AssertSameAsWhole()
    {
        foreach (var name in new[] { "sweep.json", "tidy.csv", "summary.csv", "report.html" })
        {
            Assert.Equal(File.ReadAllBytes(_box.PathOf($"whole/{name}")), File.ReadAllBytes(_box.PathOf($"all/{name}")));
        }
    }

    private void AssertRefused(CommandResult result, string shard, string file, string what)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("descentlab: merge: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains(Path.Combine(_box.PathOf(shard), file), result.Error, StringComparison.Ordinal);
        Assert.Contains(what, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_box.PathOf("all")));
    }

    private string[] Header(string shard) => File.ReadAllText(_box.PathOf($"{shard}/tidy.csv")).Split('\n')[0].Split(',');

    private string CellOf(string shard, int line, string column) =>
        File.ReadAllText(_box.PathOf($"{shard}/tidy.csv")).Split('\n')[line - 1].Split(',')[Array.IndexOf(Header(shard), column)];

    private int FirstLineWith(string shard, string column, string value)
    {
        var index = Array.IndexOf(Header(shard), column);
        var lines = File.ReadAllText(_box.PathOf($"{shard}/tidy.csv")).Split('\n');
        return Array.FindIndex(lines, 1, l => l.Length > 0 && l.Split(',')[index] == value) + 1;
    }

    private void EditCell(string shard, int line, string column, Func<string, string> edit, bool rehash)
    {
        var index = Array.IndexOf(Header(shard), column);
        EditLine(shard, line, text =>
        {
            var cells = text.Split(',');
            cells[index] = edit(cells[index]);
            return string.Join(',', cells);
        }, rehash);
    }

    private void EditLine(string shard, int line, Func<string, string> edit, bool rehash)
    {
        var path = _box.PathOf($"{shard}/tidy.csv");
        var lines = File.ReadAllText(path).Split('\n');
        lines[line - 1] = edit(lines[line - 1]);
        File.WriteAllText(path, string.Join('\n', lines));
        if (rehash)
        {
            Rehash(shard);
        }
    }

    /// <summary>What a careful forger does: the manifest's size and SHA-256 of tidy.csv recomputed for the edited file.</summary>
    private void Rehash(string shard)
    {
        var manifest = _box.PathOf($"{shard}/manifest.json");
        if (!File.Exists(manifest))
        {
            return;
        }

        var bytes = File.ReadAllBytes(_box.PathOf($"{shard}/tidy.csv"));
        var node = JsonNode.Parse(File.ReadAllText(manifest))!;
        foreach (var file in node["files"]!.AsArray())
        {
            if ((string?)file!["name"] == "tidy.csv")
            {
                file["bytes"] = bytes.Length;
                file["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
            }
        }

        node["rows"] = Encoding.UTF8.GetString(bytes).Split('\n').Count(l => l.Length > 0) - 1;
        File.WriteAllText(manifest, node.ToJsonString());
    }
}
