#:project ../../src/DescentLab/DescentLab.csproj
#:property JsonSerializerIsReflectionEnabledByDefault=false

using DescentLab.Analysis;
using DescentLab.Experiments;
using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Training;

var spec = new ExperimentSpec   // the seed notebook's data; every field defaults to the seed experiment
{
    Seed = 1,
    Methods =
    [
        new Method("gd", SamplerOptions.FullBatch, new SgdOptions { LearningRate = 0.009 }),
        new Method("momentum", new SamplerOptions { Kind = SamplerKind.Reshuffle, BatchSize = 10 },
            new SgdOptions { LearningRate = 0.001, Momentum = 0.9 }),
    ],
    Training = new TrainingOptions { Epochs = 100 },
};
var result = ExperimentRunner.Run(spec);
var analysis = ProblemAnalysis.Analyze(result.Problem);
Console.WriteLine($"κ = {analysis.ConditionNumber:F1}, GD stable below lr {analysis.StabilityBound:F5}");
foreach (var run in result.Runs)
{
    var t = run.Trajectory;   // columns: Step, Epoch, Samples, BatchLoss, Loss, Parameter(j), GradientNorm
    Console.WriteLine($"{run.Method.Name}: {t.Step[^1]} steps, loss {t.Loss[^1]:F4} (L* = {result.Problem.FullData.MinimumLoss:F4})");
}
