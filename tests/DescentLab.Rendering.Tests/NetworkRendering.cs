using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Models;
using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Rendering.Tests;

/// <summary>Small network experiments, each run once: an MLP on two moons, softmax on three blobs, logistic regression on moons.</summary>
internal static class NetworkRendering
{
    /// <summary>As examples/two-moons-mlp.json: full-batch GD, reshuffled SGD and Adam, with rates that train these models in a few epochs.</summary>
    private static readonly Method[] Methods =
    [
        new("gd", SamplerOptions.FullBatch, new SgdOptions { LearningRate = 0.5 }),
        new("sgd-shuffle", new SamplerOptions { Kind = SamplerKind.Reshuffle, BatchSize = 20 }, new SgdOptions { LearningRate = 0.1 }),
        new("adam", new SamplerOptions { Kind = SamplerKind.Reshuffle, BatchSize = 20 }, new AdamOptions { LearningRate = 0.02 }),
    ];

    private static readonly Lazy<NetworkExperimentResult> LazyMlp = new(() => ExperimentRunner.RunNetwork(new ExperimentSpec
    {
        Name = "moons-mlp",
        Data = new ClassificationData(new ClassificationDataGenerator { Count = 120 }),
        Model = ModelSpec.Parse("mlp:8:tanh"),
        Methods = Methods,
        Training = new TrainingOptions { Epochs = 30 },
    }));

    private static readonly Lazy<NetworkExperimentResult> LazySoftmax = new(() => ExperimentRunner.RunNetwork(new ExperimentSpec
    {
        Name = "blobs-softmax",
        Data = new ClassificationData(new ClassificationDataGenerator { Shape = ClassificationShape.Blobs, Count = 90 }),
        Model = ModelSpec.Parse("softmax"),
        Methods = Methods,
        Training = new TrainingOptions { Epochs = 10 },
    }));

    private static readonly Lazy<NetworkExperimentResult> LazyLogistic = new(() => ExperimentRunner.RunNetwork(new ExperimentSpec
    {
        Name = "moons-logistic",
        Data = new ClassificationData(new ClassificationDataGenerator { Count = 100 }),
        Model = ModelSpec.Parse("logistic"),
        Methods = Methods,
        Training = new TrainingOptions { Epochs = 10 },
    }));

    /// <summary>mlp:8:tanh on 120 two-moons points, 30 epochs.</summary>
    public static NetworkExperimentResult Mlp => LazyMlp.Value;

    /// <summary>Softmax regression on 90 points in three blobs, 10 epochs.</summary>
    public static NetworkExperimentResult Softmax => LazySoftmax.Value;

    /// <summary>Logistic regression on 100 two-moons points (not separable: Newton finds θ*), 10 epochs.</summary>
    public static NetworkExperimentResult Logistic => LazyLogistic.Value;

    /// <summary>The class the network predicts at (x, y) for the run's final θ, computed directly from the trajectory and the network.</summary>
    public static int FinalPrediction(NetworkExperimentResult result, RunResult run, double x, double y)
    {
        var theta = new double[result.Network.ParameterCount];
        run.Trajectory.ParametersAt(run.Trajectory.Count - 1, theta);
        var logits = new double[result.Network.OutputCount];
        result.Network.Predict(theta, [x, y], logits);
        return NeuralNetwork.PredictedClass(logits);
    }
}
