using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

public class OptimizerTests
{
    public static TheoryData<string> Names => ["sgd", "adam", "adamw", "rmsprop", "adagrad"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Step_ThroughTheBaseClassWithASchedule_AllocatesNothing(string name)
    {
        OptimizerOptions options = name switch
        {
            "sgd" => new SgdOptions { Momentum = 0.9, Nesterov = true, WeightDecay = 0.1 },
            "adam" => new AdamOptions { Amsgrad = true, WeightDecay = 0.1 },
            "adamw" => new AdamWOptions { Amsgrad = true },
            "rmsprop" => new RmspropOptions { Centered = true, Momentum = 0.9 },
            _ => new AdagradOptions { LearningRateDecay = 0.1 },
        };
        var optimizer = options.Create(3);
        var scheduler = new CosineAnnealingLR { TMax = 10, EtaMin = 1e-4 }.Create(options.LearningRate);
        var theta = new double[] { 1, 2, 3 };
        var gradient = new double[] { 0.1, -0.2, 0.3 };
        optimizer.Step(theta, gradient, scheduler.LearningRate);
        scheduler.Step();
        var start = (double[])theta.Clone();
        OptimizerLaws.AssertAllocatesNothingPerStep(i =>
        {
            optimizer.Step(theta, gradient, scheduler.LearningRate);
            if (i % 5 == 4)
            {
                scheduler.Step();
            }
        });

        Assert.NotEqual(start, theta);
    }
}
