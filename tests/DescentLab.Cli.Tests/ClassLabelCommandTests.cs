using System.Text;

namespace DescentLab.Cli.Tests;

/// <summary>The run command on a CSV with a label column (--label, or label in the experiment file).</summary>
public sealed class ClassLabelCommandTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Run_LabelColumnOfNames_TrainsSoftmaxAndPrintsClassesInOrdinalOrder()
    {
        var data = WriteThreeClasses();
        var folder = _box.PathOf("out");
        var result = Sandbox.Run("run", "--data", data, "--x", "x1,x2", "--label", "species", "--model", "softmax", "--methods", "gd,adam", "--epochs", "5", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("model softmax (9 parameters, 2-3, CrossEntropy) on 30 samples, classes Setosa: 10, versicolor: 10, virginica: 10", result.Output, StringComparison.Ordinal);
        var summary = OutputFiles.Summary(folder);
        Assert.Equal(["Setosa", "versicolor", "virginica"], summary.GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        var experiment = OutputFiles.Experiment(folder).GetProperty("data");
        Assert.Equal("species", experiment.GetProperty("label").GetString());
        Assert.False(experiment.TryGetProperty("y", out _));
        Assert.Equal("x1,x2,species", File.ReadLines(Path.Combine(folder, "data.csv")).First());
        Assert.EndsWith(",virginica", File.ReadLines(Path.Combine(folder, "data.csv")).ElementAt(1), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ExperimentJsonOfALabelledRun_ReproducesItExactly()
    {
        var data = WriteThreeClasses();
        var first = _box.PathOf("first");
        var second = _box.PathOf("second");
        Assert.Equal(0, Sandbox.Run("run", "--data", data, "--x", "x1,x2", "--label", "species", "--model", "mlp:4", "--methods", "gd,adam", "--epochs", "3", "--out", first).ExitCode);
        Assert.Equal(0, Sandbox.Run("run", "--config", Path.Combine(first, "experiment.json"), "--out", second).ExitCode);

        Assert.Equal(File.ReadAllText(Path.Combine(first, "data.csv")), File.ReadAllText(Path.Combine(second, "data.csv")));
        Assert.Equal(OutputFiles.SummaryWithoutTiming(first), OutputFiles.SummaryWithoutTiming(second));
    }

    [Fact]
    public void Run_LabelInTheExperimentFile_ReadsClasses()
    {
        _box.WriteFile("d.csv", "a,grade\n0,3\n1,10\n2,3\n3,10\n");
        var config = _box.WriteFile("e.json", """{ "data": { "kind": "csv", "path": "d.csv", "x": "a", "label": "grade" }, "model": "logistic", "methods": [ { "name": "gd", "sampler": { "kind": "full-batch" }, "optimizer": { "kind": "sgd", "lr": 0.1 } } ], "epochs": 2 }""");
        var result = Sandbox.Run("run", "--config", config, "--out", _box.PathOf("out"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("on 4 samples, classes 3: 2, 10: 2", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x,x2,c\n1,2,cat\n2,3,1\n", "t.csv: line 3, column 'c': \"1\" is a number, but the first label, \"cat\", is a name; a label column holds names only or integers only.")]
    [InlineData("x,x2,c\n1,2,a\n2,3,a\n", "t.csv: line 3, column 'c': every row has the label \"a\"; a classifier needs at least two classes.")]
    [InlineData("x,x2,c\n1,2,a\n2,3,\n", "t.csv: line 3, column 'c': the label is empty; every row needs a class label.")]
    [InlineData("x,x2,d\n1,2,a\n2,3,b\n", "t.csv: line 1, column 'c': no such column; the header has 'x', 'x2', 'd'.")]
    public void Run_BadLabelColumn_ExitsTwoWithTheLocatedLine(string text, string message)
    {
        var data = _box.WriteFile("t.csv", text);
        var folder = _box.PathOf("bad");
        var result = Sandbox.Run("run", "--data", data, "--x", "x,x2", "--label", "c", "--model", "logistic", "--out", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"descentlab: {data[..^"t.csv".Length]}{message}", result.Error.TrimEnd());
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Run_TooManyClasses_ExitsTwoAtTheRowOfTheFirstExtraClass()
    {
        var text = new StringBuilder("x,c\n");
        for (var k = 0; k <= 1000; k++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{k},{k}\n");
        }

        var data = _box.WriteFile("many.csv", text.ToString());
        var result = Sandbox.Run("run", "--data", data, "--label", "c", "--model", "softmax", "--out", _box.PathOf("bad"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"descentlab: {data}: line 1002, column 'c': 1000 would be class 1001; a classifier takes at most 1000 classes.", result.Error.TrimEnd());
    }

    [Theory]
    [InlineData("--label: the class column replaces --y; give --y (a numeric output) or --label (classes), not both.", "--label", "c", "--y", "c", "--model", "logistic")]
    [InlineData("--model: linear regresses a numeric output, but 'c' is read as class labels; choose logistic, softmax or an mlp, or read the column as y.", "--label", "c")]
    [InlineData("--label: 'x' is also an x column.", "--label", "x", "--model", "logistic")]
    public void Run_LabelFlagMisused_ExitsTwoWithOneLine(string message, params string[] args)
    {
        var data = _box.WriteFile("ok.csv", "x,c\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i},{(i % 2 == 0 ? "a" : "b")}\n")));
        var result = Sandbox.Run(["run", "--data", data, .. args, "--out", _box.PathOf("bad")]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"descentlab: {message}", result.Error.TrimEnd());
    }

    [Fact]
    public void Run_LabelWithoutData_ExitsTwo()
    {
        var result = Sandbox.Run("run", "--label", "c", "--out", _box.PathOf("bad"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("descentlab: --label: names a column of a CSV file; give the file with --data.", result.Error.TrimEnd());
    }

    [Fact]
    public void Sweep_LabelDataWithTheLinearModel_ExitsTwoWithRunsLineAndWritesNothing()
    {
        _box.WriteFile("ok.csv", "x,c\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i},{(i % 2 == 0 ? "a" : "b")}\n")));
        var config = _box.WriteFile("sw.json", """{ "data": { "kind": "csv", "path": "ok.csv", "x": "x", "label": "c" }, "epochs": 2, "sweep": { "lr": [0.001], "batchSize": [10] } }""");
        var folder = _box.PathOf("out");

        var result = Sandbox.Run("sweep", "--config", config, "--out", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"descentlab: {config}: model: linear regresses a numeric output, but 'c' is read as class labels; choose logistic, softmax or an mlp, or read the column as y.", result.Error.TrimEnd());
        Assert.False(Directory.Exists(folder));
    }

    private string WriteThreeClasses()
    {
        var text = new StringBuilder("x1,x2,species\n");
        string[] names = ["virginica", "Setosa", "versicolor"];
        for (var i = 0; i < 30; i++)
        {
            var k = i % 3;
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{k + (0.1 * (i % 7))},{(2 * k) - (0.05 * (i % 5))},{names[k]}\n");
        }

        return _box.WriteFile("three.csv", text.ToString());
    }
}
