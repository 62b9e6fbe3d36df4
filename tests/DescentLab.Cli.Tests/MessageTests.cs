namespace DescentLab.Cli.Tests;

/// <summary>Bad input gives one line naming the flag, field or file line, with quoted input cut short and escaped.</summary>
public sealed class MessageTests : IDisposable
{
    private const string SmallCsv = "x,y\n0,1\n1,2\n2,3\n3,4\n";

    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Run_EmptyY_ExitsTwoNamingTheFlag()
    {
        var data = _box.WriteFile("d.csv", SmallCsv);

        AssertOneLine(Sandbox.Run("run", "--data", data, "--y", "", "--out", _box.PathOf("o")), "descentlab: --y: the column name is empty.", "d.csv");
    }

    [Fact]
    public void Run_SmallCsvWithDefaultBatchSize_NamesTheFlagNotAJsonPath()
    {
        var data = _box.WriteFile("d.csv", SmallCsv);

        AssertOneLine(
            Sandbox.Run("run", "--data", data, "--out", _box.PathOf("o")),
            "descentlab: --batch-size: the batch size 25 (the default of method 'sgd') is larger than the 4 samples; give --batch-size 4 or less.",
            "d.csv");
    }

    [Fact]
    public void Run_ColumnNamesStartingWithAt_AreNamesNotResponseFiles()
    {
        var data = _box.WriteFile("d.csv", "@x,@y\n0,1\n1,2\n2,3\n3,4\n");

        var result = Sandbox.Run("run", "--data", data, "--x", "@x", "--y", "@y", "--batch-size", "2", "--figures", "none", "--no-report", "--quiet", "--out", _box.PathOf("o"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["@x", "@x^2", "1"], OutputFiles.Summary(_box.PathOf("o")).GetProperty("parameters").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Run_HugeQuotedCellWithEscapes_OneShortEscapedLine()
    {
        var cell = string.Concat(Enumerable.Repeat("a\n", 5000)) + "\u001b[31m";
        var data = _box.WriteFile("d.csv", $"x,y\n0,\"{cell}\"\n1,2\n2,3\n");

        var result = Sandbox.Run("run", "--data", data, "--out", _box.PathOf("o"));

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains("\"a\\na\\na\\n", result.Error, StringComparison.Ordinal);
        Assert.True(result.Error.Length < 200, result.Error);
    }

    [Fact]
    public void Run_TerminalEscapeInACell_IsEscaped()
    {
        var data = _box.WriteFile("d.csv", "x,y\n0,1\n1,\u001b[31mred\n2,3\n");

        AssertOneLine(Sandbox.Run("run", "--data", data, "--out", _box.PathOf("o")), "descentlab: d.csv: line 3, column 'y': \"\\x1b[31mred\" is not a number.", "d.csv", relative: true);
    }

    [Fact]
    public void Run_DataIsADevice_ExitsTwo()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        AssertOneLine(Sandbox.Run("run", "--data", "/dev/zero", "--out", _box.PathOf("o")), "descentlab: --data: cannot read /dev/zero: /dev/zero is not a regular file; give a file on disk.");
    }

    [Theory]
    [InlineData("{\"data\": {\"kind\": \"csv\", \"path\": \"/dev/zero\"}}", "data.path: cannot read /dev/zero: /dev/zero is not a regular file")]
    [InlineData("{\"data\": {\"kind\": \"csv\", \"path\": \"\\u0000.csv\"}}", "data.path: the path contains a NUL character.")]
    [InlineData("{\"name\": \"a\\ud800\"}", "name: the string holds an unpaired UTF-16 surrogate escape")]
    [InlineData("{\"name\": \"a\", \"name\": \"b\"}", "name: the field appears twice.")]
    public void Run_BadExperimentFile_ExitsTwoNamingTheField(string json, string message)
    {
        var config = _box.WriteFile("e.json", json);

        var result = Sandbox.Run("run", "--config", config, "--out", _box.PathOf("o"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.Equal(["e.json"], _box.Entries());
    }

    private void AssertOneLine(CommandResult result, string expected, string? allowed = null, bool relative = false)
    {
        Assert.Equal(2, result.ExitCode);
        var error = relative ? result.Error.Replace(_box.Root + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal) : result.Error;
        Assert.Equal(expected + Environment.NewLine, error);
        Assert.Equal(allowed is null ? [] : [allowed], _box.Entries());
    }

    [Fact]
    public void Run_ColumnNameWithCommaAndFormula_CsvOutputsStayRectangularAndInert()
    {
        var data = _box.WriteFile("d.csv", "\"speed, km/h\",\"=HYPERLINK(\"\"http://x\"\")\"\n0,1\n1,3\n2,9\n3,19\n4,30\n");
        var folder = _box.PathOf("o");
        var config = _box.WriteFile("e.json", "{\"data\": {\"kind\": \"csv\", \"path\": \"d.csv\", \"x\": [\"speed, km/h\"], \"y\": \"=HYPERLINK(\\\"http://x\\\")\"}, \"output\": {\"plane\": [\"speed, km/h^2\", \"speed, km/h\"]}}");

        var result = Sandbox.Run("run", "--config", config, "--batch-size", "2", "--epochs", "3", "--replicates", "2", "--figures", "none", "--no-report", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        var runs = File.ReadAllLines(Path.Combine(folder, "replicates", "runs.csv"));
        Assert.Contains("\"final_speed, km/h\"", runs[0], StringComparison.Ordinal);
        Assert.Equal(Fields(runs[0]), Fields(runs[1]));
        var written = File.ReadAllLines(Path.Combine(folder, "data.csv"))[0];
        Assert.Equal("\"speed, km/h\",\"'=HYPERLINK(\"\"http://x\"\")\"", written);

        // The experiment file reproduces the run from data.csv: the name reads back without the apostrophe.
        var again = Sandbox.Run("run", "--config", Path.Combine(folder, "experiment.json"), "--figures", "none", "--no-report", "--out", _box.PathOf("again"));
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(["d.csv", "e.json"], _box.Entries().Where(e => e.EndsWith(".csv", StringComparison.Ordinal) || e.EndsWith(".json", StringComparison.Ordinal)).Where(e => !e.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)));
    }

    /// <summary>The number of fields of a CSV line, honouring quotes.</summary>
    private static int Fields(string line)
    {
        var count = 1;
        var quoted = false;
        foreach (var c in line)
        {
            quoted ^= c == '"';
            count += !quoted && c == ',' ? 1 : 0;
        }

        return count;
    }
}
