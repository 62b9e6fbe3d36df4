namespace DescentLab.Cli.Tests;

/// <summary>Every bad input exits 2 with a one-line message naming the flag, field or file line, and writes nothing.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string GoodCsv = "x,y\n0,1\n1,3\n2,9\n3,19\n";

    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Theory]
    [InlineData("--lr=-1", "--lr: Invalid learning rate: -1")]
    [InlineData("--lr=abc", "--lr: expected a number such as 0.001 or 1e-3, got 'abc'.")]
    [InlineData("--epochs=-1", "--epochs: must be at least 1.")]
    [InlineData("--epochs=0", "--epochs: must be at least 1.")]
    [InlineData("--epochs=1.5", "--epochs: expected a whole number, got '1.5'.")]
    [InlineData("--batch-size=-5", "--batch-size: batch_size should be a positive integer value, but got batch_size=-5")]
    [InlineData("--batch-size=101", "--batch-size: the batch size 101 is larger than the 100 samples; use at most 100.")]
    [InlineData("--seed=-1", "--seed: expected a whole number from 0 to 4294967295, got '-1'.")]
    [InlineData("--rng=numpy", "--rng: 'numpy' is not a randomness mode; use independent or notebook.")]
    [InlineData("--degree=0", "--degree: must be between 1 and 32.")]
    [InlineData("--record-every=0", "--record-every: must be at least 1.")]
    [InlineData("--methods=gd,sgdd", "--methods: unknown method 'sgdd'; choose from gd, sgd, sgd-shuffle, sgd-shuffle-once, sgd-replacement, momentum, nesterov, adam, adamw, rmsprop, adagrad.")]
    [InlineData("--methods=gd,gd", "--methods: 'gd' is named twice.")]
    [InlineData("--init=1,2", "--init: 2 values given; the model has 3 parameters (x, x^2, 1), give one value each in that order.")]
    [InlineData("--init=1,x,3", "--init: expected shared, independent or numbers in parameter order such as 0,0,0; 'x' is not a number.")]
    [InlineData("--replicates=0", "--replicates: must be at least 1.")]
    [InlineData("--figures=gif", "--figures: 'gif' is not a figure choice; use none, png, svg or all.")]
    [InlineData("--x=t", "--x: names a column of a CSV file; give the file with --data.")]
    [InlineData("--config=missing.json", "--config: no such file: missing.json")]
    [InlineData("--data=missing.csv", "--data: no such file: missing.csv")]
    [InlineData("--bogus", "descentlab: Unrecognized command or argument '--bogus'.")]
    public void Run_BadFlag_ExitsTwoNamingIt(string flag, string message)
    {
        var result = Sandbox.Run("run", flag, "--out", _box.PathOf("out"));

        AssertBadInput(result, message);
    }

    [Fact]
    public void Run_SeedsOfTheReplicatesPastTheLargestSeed_ExitsTwoNamingReplicates()
    {
        var result = Sandbox.Run("run", "--seed", "4294967295", "--replicates", "2", "--out", _box.PathOf("out"));

        AssertBadInput(result, "--replicates: seed 4294967295 + 1 replicates runs past the largest seed, 4294967295.");
    }

    [Fact]
    public void Run_BatchSizeWithOnlyFullBatch_ExitsTwo()
    {
        AssertBadInput(Sandbox.Run("run", "--methods", "gd", "--batch-size", "10", "--out", _box.PathOf("o")), "--batch-size: every method is full-batch");
    }

    [Theory]
    [InlineData("{ \"epochs\": 300, }", "line 1, byte 18: invalid JSON: The JSON object contains a trailing comma at the end which is not supported in this mode.\n")]
    [InlineData("{ \"epochs\": 300", "invalid JSON")]
    [InlineData("{ \"epoch\": 300 }", "spec.json: epoch: unknown field; known fields here:")]
    [InlineData("{ \"epochs\": \"300\" }", "spec.json: epochs: expected an integer, got a string \"300\".")]
    [InlineData("{ \"epochs\": -3 }", "spec.json: epochs: must be at least 1.")]
    [InlineData("{ \"seed\": 1.5 }", "spec.json: seed: expected an integer from 0 to 4294967295, got the number 1.5.")]
    [InlineData("{ \"rng\": 1 }", "spec.json: rng: expected a string, got the number 1.")]
    [InlineData("{ \"data\": { \"kind\": \"seed\", \"count\": 0 } }", "spec.json: data.count: Count must be positive, but was 0.")]
    [InlineData("{ \"data\": { \"kind\": \"mystery\" } }", "spec.json: data.kind: 'mystery' is not a data kind; use seed, polynomial, csv, moons, circles, blobs or xor.")]
    [InlineData("{ \"data\": { \"kind\": \"polynomial\", \"xLow\": 3, \"xHigh\": 1 } }", "spec.json: data.xHigh: must be greater than xLow (3), got 1.")]
    [InlineData("{ \"init\": \"random\" }", "spec.json: init: 'random' is not an init")]
    [InlineData("{ \"init\": [0, 0] }", "spec.json: init: 2 values given; the model has 3 parameters")]
    [InlineData("{ \"methods\": [] }", "spec.json: methods: at least one method is needed.")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\" }, { \"name\": \"a\" }] }", "spec.json: methods: the name 'a' is used twice.")]
    [InlineData("{ \"methods\": [{ \"sampler\": {} }] }", "spec.json: methods[0].name: required")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\" }, { \"name\": \"b\", \"optimizer\": { \"kind\": \"sgd\", \"momentum\": -1 } }] }", "spec.json: methods[1].optimizer.momentum: Invalid momentum value: -1")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"optimizer\": { \"lr\": -0.1 } }] }", "spec.json: methods[0].optimizer.lr: Invalid learning rate: -0.1")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"optimizer\": { \"nesterov\": true } }] }", "spec.json: methods[0].optimizer.nesterov: Nesterov momentum requires a momentum and zero dampening")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"optimizer\": { \"kind\": \"adam\", \"betas\": [0.9, 1] } }] }", "spec.json: methods[0].optimizer.betas[1]: Invalid beta parameter at index 1: 1")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"optimizer\": { \"kind\": \"lbfgs\" } }] }", "spec.json: methods[0].optimizer.kind: 'lbfgs' is not an optimizer")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"optimizer\": { \"kind\": \"adam\", \"momentum\": 0.9 } }] }", "spec.json: methods[0].optimizer.momentum: unknown field")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"sampler\": { \"kind\": \"random\" } }] }", "spec.json: methods[0].sampler.kind: 'random' is not a sampler")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"sampler\": { \"batchSize\": 0 } }] }", "spec.json: methods[0].sampler.batchSize: batch_size should be a positive integer value, but got batch_size=0")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"sampler\": { \"batchSize\": 500 } }] }", "spec.json: methods[0].sampler.batchSize: the batch size 500 is larger than the 100 samples")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"schedule\": { \"kind\": \"step\" } }] }", "spec.json: methods[0].schedule.stepSize: required")]
    [InlineData("{ \"output\": { \"plane\": [\"x\", \"z\"] } }", "spec.json: output.plane: 'z' is not a parameter; the parameters are x, x^2, 1.")]
    [InlineData("{ \"output\": { \"xAxis\": \"time\" } }", "spec.json: output.xAxis: 'time' is not one of step, epoch, samples.")]
    [InlineData("{ \"replicates\": 0 }", "spec.json: replicates: must be at least 1.")]
    [InlineData("{ \"seed\": 4294967295, \"replicates\": 2 }", "spec.json: replicates: seed 4294967295 + 1 replicates runs past the largest seed, 4294967295.")]
    [InlineData("{ \"epochs\": 100000000, \"methods\": [{ \"name\": \"a\", \"sampler\": { \"kind\": \"reshuffle\", \"batchSize\": 1 } }] }", "spec.json: epochs: 100000000 epochs of 100 batches (a) are 10000000000 steps, more than the step limit")]
    [InlineData("{ \"statistics\": { \"band\": [0.6, 0.9] } }", "spec.json: statistics.band[0]: must be in [0, 0.5).")]
    [InlineData("[1, 2]", "spec.json: (top level): expected an object, got a list.")]
    public void Run_BadSpecFile_ExitsTwoNamingThePath(string json, string message)
    {
        var spec = _box.WriteFile("spec.json", json);

        var result = Sandbox.Run("run", "--config", spec, "--out", _box.PathOf("out"));

        AssertBadInput(result, message, "spec.json");
    }

    [Fact]
    public void Run_CsvDataUnknownColumn_ExitsTwoNamingColumnAndHeader()
    {
        var csv = _box.WriteFile("d.csv", GoodCsv);

        var result = Sandbox.Run("run", "--data", csv, "--x", "speed", "--out", _box.PathOf("out"));

        AssertBadInput(result, "d.csv: line 1, column 'speed': no such column; the header has 'x', 'y'.", "d.csv");
    }

    [Fact]
    public void Run_SpecWithCsvUnknownColumn_ExitsTwo()
    {
        _box.WriteFile("d.csv", GoodCsv);
        var spec = _box.WriteFile("spec.json", "{ \"data\": { \"kind\": \"csv\", \"path\": \"d.csv\", \"x\": \"t\" } }");

        var result = Sandbox.Run("run", "--config", spec, "--out", _box.PathOf("out"));

        AssertBadInput(result, "line 1, column 't': no such column", "spec.json", "d.csv");
    }

    [Fact]
    public void Run_SpecWithMissingCsv_ExitsTwoNamingThePath()
    {
        var spec = _box.WriteFile("spec.json", "{ \"data\": { \"kind\": \"csv\", \"path\": \"nope.csv\" } }");

        AssertBadInput(Sandbox.Run("run", "--config", spec, "--out", _box.PathOf("out")), "spec.json: data.path: no such file:", "spec.json");
    }

    [Theory]
    [InlineData("", "line 1: the file is empty; expected a header row.")]
    [InlineData("x,y\n", "line 2: expected at least 2 data rows after the header, found 0.")]
    [InlineData("x,y\n1,2\n", "line 3: expected at least 2 data rows after the header, found 1.")]
    [InlineData("x,x\n1,2\n3,4\n", "line 1, column 'x': the header names this column twice (fields 1 and 2).")]
    [InlineData("x,\n1,2\n3,4\n", "line 1: header field 2 of 2 is empty; every column needs a name.")]
    [InlineData("x,y\n1,2\n3\n", "line 3, column 'y': expected 2 fields as in the header, found 1: the row ends before this column.")]
    [InlineData("x,y\n1,2\n3,4,5\n", "line 3: expected 2 fields as in the header, found 3: the row has fields beyond the last column 'y'.")]
    [InlineData("x,y\n1,2\n3,abc\n", "line 3, column 'y': \"abc\" is not a number.")]
    [InlineData("x,y\n1,2\n,4\n", "line 3, column 'x': the cell is empty; expected a number.")]
    [InlineData("x,y\n1,2\n3,NaN\n", "line 3, column 'y': \"NaN\" is not a finite number: NaN and infinities are not data.")]
    [InlineData("x,y\n1,2\n\n3,4\n", "line 3: blank line between data rows.")]
    [InlineData("x,y\n1,\"2\n", "line 2, column 'y': a quoted field is not closed before the end of the file.")]
    [InlineData("x;y\n1;2\n3;4\n", "line 1, column 'x': no such column; the header has 'x;y'. The file looks separated by ';'; only ',' separates fields.")]
    public void Run_CsvFormatError_ExitsTwoNamingTheLine(string text, string message)
    {
        var csv = _box.WriteFile("d.csv", text);

        var result = Sandbox.Run("run", "--data", csv, "--out", _box.PathOf("out"));

        AssertBadInput(result, $"d.csv: {message}", "d.csv");
    }

    [Fact]
    public void Run_ExistingFolderWithoutForce_ExitsTwoAndKeepsIt()
    {
        var folder = _box.PathOf("exists");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "mine.txt"), "keep me");

        var result = Sandbox.Run("run", "--out", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the folder already exists and was not written by DescentLab", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Pass --force", result.Error, StringComparison.Ordinal);
        Assert.Equal(["exists", Path.Combine("exists", "mine.txt")], _box.Entries());
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void Run_OutputUnderAFile_ExitsTwoSayingItIsAFile()
    {
        _box.WriteFile("file", "x");

        var result = Sandbox.Run("run", "--out", Path.Combine(_box.PathOf("file"), "sub"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("is a file, not a folder.", result.Error, StringComparison.Ordinal);
        Assert.Equal(["file"], _box.Entries());
    }

    [Fact]
    public void Run_OutputIsAFile_ExitsTwoEvenWithForce()
    {
        _box.WriteFile("file", "x");

        var result = Sandbox.Run("run", "--out", _box.PathOf("file"), "--force");

        AssertBadInput(result, "is a file; the output needs a folder path.", "file");
    }

    [Fact]
    public void Run_UnwritableLocation_ExitsTwo()
    {
        // /proc refuses new folders even to root, which a permission bit would not.
        var result = Sandbox.Run("run", "--out", "/proc/descentlab-test/out");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("descentlab: --out: /proc/descentlab-test/out: cannot write there:", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists("/proc/descentlab-test"));
    }

    [Fact]
    public void NoCommand_ExitsTwoWithAHint()
    {
        var result = Sandbox.Run();

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("descentlab --help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_BadFlag_ExitsTwo()
    {
        AssertBadInput(Sandbox.Run("analyze", "--degree", "40"), "--degree: must be between 1 and 32.");
    }

    [Fact]
    public void Landscape_BadPlane_ExitsTwo()
    {
        AssertBadInput(Sandbox.Run("landscape", "--plane", "x,q", "--out", _box.PathOf("l")), "--plane: expected two different parameters from x, x^2, 1");
    }

    private void AssertBadInput(CommandResult result, string message, params string[] allowedFiles)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.StartsWith("descentlab: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal(allowedFiles.Order(StringComparer.Ordinal), _box.Entries());
    }
}
