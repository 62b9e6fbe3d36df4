namespace DescentLab.Cli.Tests;

/// <summary>Data whose features cannot be computed in double is refused up front, naming the column, degree and size.</summary>
public sealed class NumericLimitTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Analyze_DailyTimestampsAtDegree17_ExitsTwoNamingTheColumn()
    {
        // printf 't,v\n' > ts.csv; for k in $(seq 0 39); do echo "$((1700000000+k*86400)),$((k%9))" >> ts.csv; done
        // descentlab analyze --data ts.csv --x t --y v --degree 17   (never returned)
        var csv = "t,v\n" + string.Concat(Enumerable.Range(0, 40).Select(k => $"{1700000000L + (k * 86400L)},{k % 9}\n"));
        var path = _box.WriteFile("ts.csv", csv);

        var result = Sandbox.Run("analyze", "--data", path, "--x", "t", "--y", "v", "--degree", "17");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("descentlab: --data: column 't' at degree 17: the largest |t|^17 is 8.6e+156, too large to square and sum in double (the limit for 40 rows is about 3.6e+151); rescale the column, e.g. subtract its mean and divide by its spread, or lower the degree." + Environment.NewLine, result.Error);
    }

    [Theory]
    [InlineData("t,v\n", 1700000000L, 86400L, "16", "its values span only 3.4e+6 around a largest |t| of 1.7e+9")]
    [InlineData("t,v\n", 40000L, 1000L, "32", "the largest |t|^32 is")]
    public void Analyze_PowersThatCannotBeComputed_ExitsTwo(string header, long start, long step, string degree, string message)
    {
        var path = _box.WriteFile("d.csv", header + string.Concat(Enumerable.Range(0, 40).Select(k => $"{start + (k * step)},{k % 9}\n")));

        var result = Sandbox.Run("analyze", "--data", path, "--x", "t", "--y", "v", "--degree", degree);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("x,y\n5e-324,1\n1e-323,2\n1.5e-323,0\n", "column 'x' at degree 2: the largest |x|^2 is 2.2e-646, so small its square loses all precision")]
    [InlineData("x,y\n1,1e155\n2,2\n3,0\n", "column 'y': the largest |y| is 1.0e+155, too large to square and sum in double")]
    [InlineData("x,y\n1,1.7e308\n2,-1.7e308\n3,0\n", "column 'y': the largest |y| is 1.7e+308")]
    [InlineData("x,y\n1e308,1\n-1e308,2\n3,0\n", "column 'x' at degree 2: the largest |x|^2 is 1.0e+616")]
    [InlineData("x,y\n1e77,1\n2e77,2\n3e77,0\n", "column 'x' at degree 2: the largest |x|^2 is 9.0e+154")]
    public void Run_OverflowingOrSubnormalData_ExitsTwoAndWritesNothing(string csv, string message)
    {
        var path = _box.WriteFile("d.csv", csv);

        var result = Sandbox.Run("run", "--data", path, "--batch-size", "1", "--out", _box.PathOf("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal(["d.csv"], _box.Entries());
    }

    [Fact]
    public void Run_LargeButComputableData_ExitsZeroWithFiniteOptimum()
    {
        var path = _box.WriteFile("d.csv", "x,y\n1e30,1e60\n2e30,4e60\n3e30,9e60\n4e30,1.6e61\n");

        var result = Sandbox.Run("run", "--data", path, "--degree", "2", "--batch-size", "2", "--epochs", "3", "--out", _box.PathOf("out"));

        Assert.Equal(0, result.ExitCode);
        var optimum = OutputFiles.Numbers(OutputFiles.Summary(_box.PathOf("out")).GetProperty("optimum").GetProperty("theta"));
        Assert.All(optimum, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Run_HugeReplicates_ExitsTwoNamingTheLimit()
    {
        var result = Sandbox.Run("run", "--replicates", "2147483647", "--out", _box.PathOf("o"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("descentlab: --replicates: must be at most 100000 (the replicate limit)." + Environment.NewLine, result.Error);
        Assert.Empty(_box.Entries());
    }

    [Fact]
    public void Run_HugeSampleCount_ExitsTwoNamingTheLimit()
    {
        var config = _box.WriteFile("e.json", "{\"data\": {\"kind\": \"polynomial\", \"count\": 2147483647}}");

        var result = Sandbox.Run("run", "--config", config, "--out", _box.PathOf("o"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("data.count: Count must be at most 10000000 (the sample limit)", result.Error, StringComparison.Ordinal);
        Assert.Equal(["e.json"], _box.Entries());
    }

    [Fact]
    public void Sweep_EpochsBeyondTheStepLimit_ExitsTwo()
    {
        // Found by the fuzz suite: exit 1 "Arithmetic operation resulted in an overflow".
        var config = _box.WriteFile("s.json", "{\"name\":\"s\",\"seed\":1,\"epochs\":2147483647,\"replicates\":2,\"sweep\":{\"lr\":[0.001],\"batchSize\":[5],\"sampler\":[\"reshuffle\"],\"optimizer\":[\"sgd\"]}}");

        var result = Sandbox.Run("sweep", "--config", config, "--out", _box.PathOf("o"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("epochs: 2147483647 epochs of 20 batches", result.Error, StringComparison.Ordinal);
        Assert.Equal(["s.json"], _box.Entries());
    }

    [Fact]
    public void Run_EpochsBeyondTheStepLimit_ExitsTwoNamingTheFlag()
    {
        var result = Sandbox.Run("run", "--epochs", "2147483647", "--out", _box.PathOf("o"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("descentlab: --epochs: 2147483647 epochs of 4 batches (sgd) are 8589934588 steps", result.Error, StringComparison.Ordinal);
    }
}
