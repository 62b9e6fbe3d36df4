using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Models;
using DescentLab.Randomness;
using DescentLab.Training;

namespace DescentLab.Tests.Models;

public class ModelSpecTests
{
    [Theory]
    [InlineData("linear", "linear")]
    [InlineData("logistic", "logistic")]
    [InlineData("softmax", "softmax")]
    [InlineData("mlp:16,16:tanh", "mlp:16,16:tanh")]
    [InlineData("mlp:8", "mlp:8:tanh")]
    [InlineData("MLP:3,4:ReLU", "mlp:3,4:relu")]
    [InlineData("mlp:5:sigmoid", "mlp:5:sigmoid")]
    public void Parse_KnownText_RoundTrips(string text, string written)
    {
        var spec = ModelSpec.Parse(text);
        Assert.Equal(written, spec.ToString());
        Assert.Equal(spec, ModelSpec.Parse(written));
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("mlp:")]
    [InlineData("mlp:16,x")]
    [InlineData("mlp:16:tanh:x")]
    [InlineData("logistic:4")]
    [InlineData("tree")]
    public void Parse_BadText_ThrowsFormatException(string text) => Assert.Throws<FormatException>(() => ModelSpec.Parse(text));

    [Fact]
    public void CreateNetwork_ChoosesOutputsAndLossFromTheClasses()
    {
        var moons = new ClassificationDataGenerator { Count = 20 }.Generate(0);
        var blobs = new ClassificationDataGenerator { Shape = ClassificationShape.Blobs, Count = 20, Centers = 4 }.Generate(0);
        var regression = new Dataset(["a", "b"], [[1.0, 2, 3], [0.0, 1, 0]], "y", [0.5, 1.5, -2]);

        var logistic = ModelSpec.Parse("logistic").CreateNetwork(moons);
        Assert.Equal([2, 1], logistic.Widths);
        Assert.Equal(NetworkLoss.BinaryCrossEntropyWithLogits, logistic.LossKind);
        Assert.Equal(["weight[0,0]", "weight[0,1]", "bias[0]"], logistic.ParameterNames);

        var softmax = ModelSpec.Parse("softmax").CreateNetwork(blobs);
        Assert.Equal([2, 4], softmax.Widths);
        Assert.Equal(NetworkLoss.CrossEntropy, softmax.LossKind);

        var mlp = ModelSpec.Parse("mlp:16,16:tanh").CreateNetwork(moons);
        Assert.Equal([2, 16, 16, 1], mlp.Widths);
        Assert.Equal(337, mlp.ParameterCount);
        Assert.Equal("2.bias[15]", mlp.ParameterNames[2 * 16 + 16 + 256 + 15]);

        var mse = ModelSpec.Parse("mlp:4").CreateNetwork(regression);
        Assert.Equal(NetworkLoss.MeanSquaredError, mse.LossKind);
        Assert.Equal("logistic needs class labels: 'y' holds 0.5 on row 1; class labels must be integers.", ModelSpec.Parse("logistic").Problem(regression));
        Assert.Equal("logistic needs two classes; the data has 4. Use softmax or an mlp.", ModelSpec.Parse("logistic").Problem(blobs));
    }

    [Fact]
    public void ToClassification_IntegerLabels_MapsAscendingValuesToClasses()
    {
        var data = new Dataset(["x"], [[0.1, 0.2, 0.3, 0.4]], "label", [7, 3, 7, 7]).ToClassification();
        Assert.Equal(["3", "7"], data.ClassNames);
        Assert.Equal([1.0, 0, 1, 1], data.Output.ToArray());
        Assert.Equal([1, 3], data.ClassCounts());
    }
}

public class NetworkExperimentTests
{
    private static readonly ExperimentSpec Moons = new()
    {
        Data = new ClassificationData(new ClassificationDataGenerator { Count = 100 }),
        Model = ModelSpec.Parse("mlp:8:tanh"),
        Training = new TrainingOptions { Epochs = 20 },
    };

    [Fact]
    public void RunNetwork_Moons_TrainsEveryMethodFromTorchsInitAndLowersTheLoss()
    {
        var result = ExperimentRunner.RunNetwork(Moons);
        var init = result.Network.DrawInit(new TorchGenerator(0));
        Assert.Equal(3, result.Runs.Count);
        foreach (var run in result.Runs)
        {
            Assert.Equal(init, run.Init);
            Assert.True(run.Trajectory.Loss[^1] < run.Trajectory.Loss[0], run.Method.Name);
            Assert.NotNull(result.EndCurvatures[result.Runs.ToList().IndexOf(run)]);
        }

        Assert.Null(result.Optimum);
    }

    [Fact]
    public void Run_NetworkModel_RefusesNamingTheModel()
    {
        var error = Assert.Throws<ArgumentException>(() => ExperimentRunner.Run(Moons));
        Assert.StartsWith("model: Run covers the linear model (with its closed forms, figures and the playground); mlp:8:tanh trains with ExperimentRunner.RunNetwork, replicates included", error.Message, StringComparison.Ordinal);
    }
}
