using DescentLab.Data;

namespace DescentLab.Cli.Tests;

/// <summary>The generated classification data's options as flags (--count, --noise, --factor, --centers, --cluster-std).</summary>
public sealed class GeneratorOptionCommandTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Run_CirclesWithFlags_WritesTheSameDataAsTheGenerator()
    {
        var folder = _box.PathOf("out");
        var result = Sandbox.Run("run", "--dataset", "circles", "--count", "60", "--noise", "0.05", "--factor", "0.3", "--model", "mlp:4", "--epochs", "1", "--seed", "7", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        var data = OutputFiles.Experiment(folder).GetProperty("data");
        Assert.Equal(60, data.GetProperty("count").GetInt32());
        Assert.Equal(0.05, data.GetProperty("noise").GetDouble());
        Assert.Equal(0.3, data.GetProperty("factor").GetDouble());
        var expected = new ClassificationDataGenerator { Shape = ClassificationShape.Circles, Count = 60, Noise = 0.05, Factor = 0.3 }.Generate(7);
        var written = new StringWriter();
        DescentLab.Io.CsvDatasetWriter.Write(expected, written);
        Assert.Equal(written.ToString(), File.ReadAllText(Path.Combine(folder, "data.csv")));
    }

    [Fact]
    public void Run_BlobsWithCentersAndClusterStd_HasThatManyClasses()
    {
        var result = Sandbox.Run("run", "--dataset", "blobs", "--centers", "4", "--cluster-std", "0.5", "--count", "10", "--model", "softmax", "--methods", "gd", "--epochs", "1", "--out", _box.PathOf("out"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("on 10 samples, classes 0: 3, 1: 3, 2: 2, 3: 2", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CountOnTheSeedGenerator_SetsItsSampleCount()
    {
        var folder = _box.PathOf("out");
        Assert.Equal(0, Sandbox.Run("run", "--count", "40", "--epochs", "1", "--figures", "none", "--no-report", "--out", folder).ExitCode);
        Assert.Equal(40, OutputFiles.Experiment(folder).GetProperty("data").GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("--factor: applies to circles only; the dataset is moons.", "--dataset", "moons", "--factor", "0.3")]
    [InlineData("--noise: applies to moons, circles and xor (blobs spread by --cluster-std); the dataset is blobs.", "--dataset", "blobs", "--noise", "1")]
    [InlineData("--centers: applies to blobs only; the dataset is xor.", "--dataset", "xor", "--centers", "3")]
    [InlineData("--cluster-std: applies to blobs only; the dataset is circles.", "--dataset", "circles", "--cluster-std", "3")]
    [InlineData("--factor: must be between 0 and 1 (both excluded), but was 1.", "--dataset", "circles", "--factor", "1")]
    [InlineData("--count: must be a whole number from 2 to 10000000, but was 1.", "--dataset", "moons", "--count", "1")]
    [InlineData("--noise: must be a finite number ≥ 0, but was -1.", "--dataset", "moons", "--noise", "-1")]
    [InlineData("--noise: expected a number such as 0.001 or 1e-3, got 'abc'.", "--dataset", "moons", "--noise", "abc")]
    [InlineData("--centers: must be a whole number from 2 to 100, but was 101.", "--dataset", "blobs", "--centers", "101")]
    [InlineData("--centers: expected a whole number, got '2.5'.", "--dataset", "blobs", "--centers", "2.5")]
    [InlineData("--cluster-std: must be a finite number > 0, but was 0.", "--dataset", "blobs", "--cluster-std", "0")]
    [InlineData("--noise: sets an option of generated classification data (--dataset moons, circles, blobs or xor); this experiment's data is the seed experiment's generator.", "--noise", "0.1")]
    [InlineData("--degree: applies to the linear model only (polynomial features); a mlp:4:tanh model takes the inputs as they are.", "--dataset", "moons", "--degree", "3")]
    public void Run_BadGeneratorFlag_ExitsTwoNamingTheFlag(string message, params string[] args)
    {
        var folder = _box.PathOf("bad");
        var result = Sandbox.Run(["run", .. args, "--model", "mlp:4", "--out", folder]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"descentlab: {message}", result.Error.TrimEnd());
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Run_GeneratorFlagWithCsvData_ExitsTwo()
    {
        var data = _box.WriteFile("d.csv", "x,y\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i},{i % 2}\n")));
        var result = Sandbox.Run("run", "--data", data, "--count", "10", "--out", _box.PathOf("bad"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("descentlab: --count: sets an option of generated classification data (--dataset moons, circles, blobs or xor); this experiment's data is a CSV file.", result.Error.TrimEnd());
    }

    [Fact]
    public void Run_BadGeneratorFieldInTheFile_IsOneLineNamingTheField()
    {
        var config = _box.WriteFile("e.json", """{ "data": { "kind": "circles", "factor": 2 }, "model": "logistic" }""");
        var result = Sandbox.Run("run", "--config", config, "--out", _box.PathOf("bad"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"descentlab: {config}: data.factor: must be between 0 and 1 (both excluded), but was 2.", result.Error.TrimEnd());
    }
}
