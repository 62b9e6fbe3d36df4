using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

/// <summary>Checks every optimizer must pass, whatever its update rule.</summary>
internal static class OptimizerLaws
{
    /// <summary>Asserts that a trained then reset optimizer retraces, bit for bit, the trajectory of a fresh one.</summary>
    public static void AssertResetRestarts(OptimizerOptions options)
    {
        var golden = GoldenTrajectory.Load("sgd_plain");
        var problem = new DescentLab.Models.Problem(new DescentLab.Data.Dataset(["x"], [golden.X], "y", golden.Y), 2);
        var optimizer = options.Create(problem.ParameterCount);
        var fresh = Train(problem, golden.Init, optimizer, options.LearningRate);
        var again = Train(problem, golden.Init, optimizer, options.LearningRate);
        Assert.NotEqual(fresh, again);
        optimizer.Reset();
        var reset = Train(problem, golden.Init, optimizer, options.LearningRate);
        Assert.Equal(fresh, reset);
        Assert.Equal(fresh, Train(problem, golden.Init, options.Create(problem.ParameterCount), options.LearningRate));
    }

    private static double[] Train(DescentLab.Models.Problem problem, double[] init, Optimizer optimizer, double learningRate)
    {
        var theta = (double[])init.Clone();
        var gradient = new double[theta.Length];
        var trace = new List<double>();
        for (var step = 0; step < 40; step++)
        {
            var start = step % 5 * 8;
            problem.BatchLossAndGradient(theta, [start, start + 1, start + 2, start + 3, start + 4, start + 5, start + 6, start + 7], gradient);
            optimizer.Step(theta, gradient, learningRate);
            trace.AddRange(theta);
        }

        return [.. trace];
    }
}
