using DescentLab.Experiments;
using DescentLab.Io;

namespace DescentLab.Tests.Io;

public sealed class ExperimentFileCheckTests
{
    [Theory]
    [InlineData("{ \"methods\": [{ \"name\": \"a\" }, { \"name\": \"b\", \"sampler\": { \"kind\": \"reshuffle\", \"batchSize\": 101 } }] }", "methods[1].sampler.batchSize", "the batch size 101 is larger than the 100 samples; use at most 100.")]
    [InlineData("{ \"init\": [1, 2] }", "init", "2 values given; the model has 3 parameters (x, x^2, 1), give one value each in that order.")]
    [InlineData("{ \"degree\": 1, \"output\": { \"plane\": [\"x^2\", \"x\"] } }", "output.plane", "'x^2' is not a parameter; the parameters are x, 1.")]
    [InlineData("{ \"seed\": 4294967295, \"replicates\": 2 }", "replicates", "seed 4294967295 + 1 replicates runs past the largest seed, 4294967295.")]
    [InlineData("{ \"epochs\": 100000000, \"methods\": [{ \"name\": \"a\", \"sampler\": { \"kind\": \"reshuffle\", \"batchSize\": 1 } }] }", "epochs", "100000000 epochs of 100 batches (a) are 10000000000 steps, more than the step limit of 2147483647 per run; lower the epochs.")]
    public void Check_ValueTheDataRulesOut_ThrowsWithItsPath(string json, string path, string detail)
    {
        var file = ExperimentJson.ParseSelfContained(json);

        var e = Assert.Throws<SpecFormatException>(() => ExperimentFileCheck.Check(file));

        Assert.Equal(path, e.JsonPath);
        Assert.Equal(detail, e.Detail);
    }

    [Fact]
    public void Check_SeedExperiment_ReturnsItsData()
    {
        var data = ExperimentFileCheck.Check(ExperimentFile.Seed);

        Assert.Equal(100, data.Count);
        Assert.Equal(data.Output.ToArray(), ExperimentFile.Seed.Spec.Data.Create(0).Output.ToArray());
    }

    [Fact]
    public void Check_SweepOfTheLinearModelOnClassLabels_RefusesItAsRunDoes()
    {
        var rows = string.Concat(Enumerable.Range(0, 40).Select(i => $"\\n{i},{(i % 2 == 0 ? "a" : "b")}"));
        var data = "\"data\": { \"kind\": \"csv\", \"text\": \"x,c" + rows + "\", \"x\": \"x\", \"label\": \"c\" }";
        var run = Assert.Throws<SpecFormatException>(() => ExperimentFileCheck.Check(ExperimentJson.ParseSelfContained("{ " + data + " }")));
        var sweep = SweepJson.Parse("{ " + data + ", \"sweep\": { \"lr\": [0.01], \"batchSize\": [2] } }", ".");

        var e = Assert.Throws<SpecFormatException>(() => ExperimentFileCheck.Check(sweep));

        Assert.Equal("model", e.JsonPath);
        Assert.Equal("linear regresses a numeric output, but 'c' is read as class labels; choose logistic, softmax or an mlp, or read the column as y.", e.Detail);
        Assert.Equal(run.Message, e.Message);
    }
}
