using DescentLab.Data;
using DescentLab.Models;
using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

/// <summary>Checks every optimizer must pass, whatever its update rule.</summary>
internal static class OptimizerLaws
{
    /// <summary>Asserts that 10,000 calls of <paramref name="step"/> (given the call's index) allocate nothing per call.</summary>
    /// <remarks>
    /// Any object costs at least 24 bytes, so one allocation per call would show as 240 kB or more. The bound is under a
    /// byte per call, not zero, because the runtime may allocate a few hundred bytes on the calling thread while it
    /// recompiles the loop at a higher tier (tiered compilation, on-stack replacement), more often on a loaded machine.
    /// </remarks>
    public static void AssertAllocatesNothingPerStep(Action<int> step)
    {
        const int calls = 10_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            step(i);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < calls, $"{allocated} bytes allocated over {calls} calls");
    }

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
