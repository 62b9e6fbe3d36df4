using DescentLab.Data;
using DescentLab.Models;
using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

/// <summary>Checks every optimizer must pass, whatever its update rule.</summary>
internal static class OptimizerLaws
{
    /// <summary>Asserts that a trained then reset optimizer retraces, bit for bit, the trajectory of a fresh one.</summary>
    public static void AssertResetRestarts(OptimizerOptions options)
    {
        var golden = GoldenTrajectory.Load("sgd_plain");
        var problem = new Problem(new Dataset(["x"], [golden.X], "y", golden.Y), 2);
        var optimizer = options.Create(problem.ParameterCount);
        var fresh = Train(problem, golden.Init, optimizer, options.LearningRate);
        var again = Train(problem, golden.Init, optimizer, options.LearningRate);
        Assert.NotEqual(fresh, again);
        optimizer.Reset();
        var reset = Train(problem, golden.Init, optimizer, options.LearningRate);
        Assert.Equal(fresh, reset);
        Assert.Equal(fresh, Train(problem, golden.Init, options.Create(problem.ParameterCount), options.LearningRate));
    }

    private static double[] Train(Problem problem, double[] init, Optimizer optimizer, double learningRate)
    {
        var theta = (double[])init.Clone();
        var gradient = new double[theta.Length];
        var trace = new List<double>();
        var batches = Enumerable.Range(0, 5).Select(b => Enumerable.Range(8 * b, 8).ToArray()).ToArray();
        for (var step = 0; step < 40; step++)
        {
            problem.BatchLossAndGradient(theta, batches[step % 5], gradient);
            optimizer.Step(theta, gradient, learningRate);
            trace.AddRange(theta);
        }

        return [.. trace];
    }
}
