using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Rendering.Tests;

/// <summary>The runs that broke figures: one diverged method beside stable ones, every method diverged, and two samples.</summary>
internal static class DivergedRendering
{
    private static readonly Lazy<ExperimentResult> LazyMixed = new(() => ExperimentRunner.Run(new ExperimentSpec
    {
        Methods =
        [
            new Method("gd", SamplerOptions.FullBatch, new SgdOptions { LearningRate = 0.011 }),
            new Method("sgd", new SamplerOptions { Kind = SamplerKind.Sequential, BatchSize = 25 }, new SgdOptions { LearningRate = 1e-3 }),
            new Method("sgd-shuffle", new SamplerOptions { Kind = SamplerKind.Reshuffle, BatchSize = 25 }, new SgdOptions { LearningRate = 1e-3 }),
        ],
    }));

    private static readonly Lazy<ExperimentResult> LazyAll = new(() => ExperimentRunner.Run(new ExperimentSpec
    {
        Methods = [.. ExperimentSpec.SeedMethods().Select(m => m with { Optimizer = m.Optimizer with { LearningRate = 0.02 } })],
    }));

    private static readonly Lazy<ExperimentResult> LazyTwoRows = new(() => ExperimentRunner.Run(new ExperimentSpec
    {
        Data = new GivenData(new Dataset(["x"], [[0.5, 2.0]], "y", [1.0, 3.0])),
        Training = new TrainingOptions { Epochs = 50 },
        Methods =
        [
            new Method("gd", SamplerOptions.FullBatch, new SgdOptions { LearningRate = 0.01 }),
            new Method("sgd", new SamplerOptions { Kind = SamplerKind.Reshuffle, BatchSize = 1 }, new SgdOptions { LearningRate = 0.01 }),
        ],
    }));

    /// <summary>GD at lr 0.011 (diverges) beside the seed's two SGD methods.</summary>
    public static ExperimentResult Mixed => LazyMixed.Value;

    /// <summary>The seed's three methods at lr 0.02: all diverge.</summary>
    public static ExperimentResult AllDiverged => LazyAll.Value;

    /// <summary>A data set of two samples under a model of three parameters.</summary>
    public static ExperimentResult TwoRows => LazyTwoRows.Value;

    public static IEnumerable<(string Name, ExperimentResult Result)> Cases() =>
        [("one diverged", Mixed), ("all diverged", AllDiverged), ("two rows", TwoRows)];
}
