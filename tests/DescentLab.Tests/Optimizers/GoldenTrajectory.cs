using System.Text.Json;
using DescentLab.Data;
using DescentLab.Models;
using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

/// <summary>One torch.optim run from tests/reference/optimizer_golden.py: data, init, and per step lr, gradient and θ.</summary>
internal sealed class GoldenTrajectory
{
    private GoldenTrajectory(JsonElement root)
    {
        Root = root;
        X = Doubles(root.GetProperty("x"));
        Y = Doubles(root.GetProperty("y"));
        Init = Doubles(root.GetProperty("init"));
        LearningRates = Doubles(root.GetProperty("lr"));
        Gradients = [.. root.GetProperty("grad").EnumerateArray().Select(Doubles)];
        Thetas = [.. root.GetProperty("theta").EnumerateArray().Select(Doubles)];
        BatchSize = root.GetProperty("batch_size").GetInt32();
        Epochs = root.GetProperty("epochs").GetInt32();
    }

    public JsonElement Root { get; }

    public double[] X { get; }

    public double[] Y { get; }

    public double[] Init { get; }

    public double[] LearningRates { get; }

    public double[][] Gradients { get; }

    public double[][] Thetas { get; }

    public int BatchSize { get; }

    public int Epochs { get; }

    public int Steps => Thetas.Length;

    public static GoldenTrajectory Load(string name) => new(ReadJson(name));

    public static JsonElement ReadJson(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "golden", "optimizers", name + ".json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Trains as the script does (sequential minibatches, the schedule stepped after each epoch) with gradients from
    /// <see cref="Problem"/>, or, when <paramref name="torchGradients"/> is set, with the gradients torch computed.
    /// </summary>
    public Run Replay(OptimizerOptions options, LearningRateSchedule schedule, bool torchGradients)
    {
        var problem = new Problem(new Dataset(["x"], [X], "y", Y), 2);
        var optimizer = options.Create(problem.ParameterCount);
        var scheduler = schedule.Create(options.LearningRate);
        var theta = (double[])Init.Clone();
        var gradient = new double[problem.ParameterCount];
        var thetas = new double[Steps][];
        var learningRates = new double[Steps];
        var step = 0;
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            for (var start = 0; start < X.Length; start += BatchSize)
            {
                var batch = Enumerable.Range(start, Math.Min(BatchSize, X.Length - start)).ToArray();
                if (torchGradients)
                {
                    Gradients[step].CopyTo(gradient, 0);
                }
                else
                {
                    problem.BatchLossAndGradient(theta, batch, gradient);
                }

                learningRates[step] = scheduler.LearningRate;
                optimizer.Step(theta, gradient, scheduler.LearningRate);
                thetas[step] = (double[])theta.Clone();
                step++;
            }

            scheduler.Step();
        }

        Assert.Equal(Steps, step);
        return new Run(thetas, learningRates);
    }

    /// <summary>Asserts every step's θ is within <paramref name="relative"/>·|θ_torch| + <paramref name="absolute"/> of torch's.</summary>
    public void AssertThetas(double[][] actual, double relative, double absolute)
    {
        for (var t = 0; t < Steps; t++)
        {
            for (var j = 0; j < Init.Length; j++)
            {
                var expected = Thetas[t][j];
                var error = Math.Abs(actual[t][j] - expected);
                var bound = (relative * Math.Abs(expected)) + absolute;
                Assert.True(
                    error <= bound,
                    $"step {t + 1}, parameter {j}: expected {expected:R}, got {actual[t][j]:R} (error {error:E3}, bound {bound:E3})");
            }
        }
    }

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    /// <summary>The parameters after each step and the learning rate each step used.</summary>
    internal sealed record Run(double[][] Thetas, double[] LearningRates);
}
