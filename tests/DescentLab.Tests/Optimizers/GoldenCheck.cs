using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

/// <summary>The two comparisons every golden case gets: with torch's own gradients, and with <c>Problem</c>'s.</summary>
internal static class GoldenCheck
{
    /// <summary>
    /// Feeds the gradients torch computed at each step: every operation is then the same IEEE operation as torch's
    /// (same order, same fused multiply-adds, glibc's pow and cos on both sides: this holds on Linux x64 and for golden
    /// files made by a torch build whose CPU kernels use FMA, as the AVX2 build does), so θ must agree bit for bit.
    /// </summary>
    public static void WithTorchGradients(string name, OptimizerOptions options, LearningRateSchedule? schedule = null)
    {
        var golden = Load(name, options, schedule);
        var run = golden.Replay(options, schedule ?? new ConstantLearningRate(), torchGradients: true);
        Assert.Equal(golden.LearningRates, run.LearningRates);
        golden.AssertThetas(run.Thetas, 0, 0);
    }

    /// <summary>
    /// Trains with <c>Problem.BatchLossAndGradient</c>, which sums the batch in another order than torch's autograd
    /// (addmm, then the MSE backward), so gradients differ in the last bits and those differences are carried along.
    /// Both sides are float64 and every run contracts towards the optimum (or, maximizing, grows slowly), so they stay
    /// within 1e-10 relative (with a 1e-12 absolute floor for values crossing zero): the largest error measured is
    /// 5e-15 relative, while a wrong step (a missing bias correction, the buffer seeded with zeros) is off by far more.
    /// Rounding-order mistakes are the bit-for-bit test's job.
    /// </summary>
    public static void WithProblemGradients(string name, OptimizerOptions options, LearningRateSchedule? schedule = null)
    {
        var golden = Load(name, options, schedule);
        var run = golden.Replay(options, schedule ?? new ConstantLearningRate(), torchGradients: false);
        golden.AssertThetas(run.Thetas, 1e-10, 1e-12);
    }

    private static GoldenTrajectory Load(string name, OptimizerOptions options, LearningRateSchedule? schedule)
    {
        var golden = GoldenTrajectory.Load(name);
        var defaults = GoldenTrajectory.ReadJson("defaults").GetProperty(golden.Root.GetProperty("optimizer").GetString()!);
        TorchNames.AssertMatches(options, golden.Root.GetProperty("options"), defaults);
        var torchScheduler = golden.Root.GetProperty("scheduler");
        if (schedule is null or ConstantLearningRate)
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, torchScheduler.ValueKind);
        }
        else
        {
            Assert.Equal(schedule.GetType().Name, torchScheduler.GetString());
            TorchNames.AssertMatches(schedule, golden.Root.GetProperty("scheduler_options"));
        }

        return golden;
    }
}
