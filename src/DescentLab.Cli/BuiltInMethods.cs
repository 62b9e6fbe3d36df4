using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Cli;

/// <summary>The methods <c>--methods</c> can name: the seed's three, the other samplers, and the optimizers, all on batches of 25.</summary>
internal static class BuiltInMethods
{
    private static readonly SamplerOptions Reshuffle = new() { Kind = SamplerKind.Reshuffle, BatchSize = 25 };

    /// <summary>Every built-in method by name, in the order the help lists them.</summary>
    public static IReadOnlyList<Method> All { get; } =
    [
        new("gd", SamplerOptions.FullBatch, new SgdOptions { LearningRate = 1e-3 }),
        new("sgd", new SamplerOptions { Kind = SamplerKind.Sequential, BatchSize = 25 }, new SgdOptions { LearningRate = 1e-3 }),
        new("sgd-shuffle", Reshuffle, new SgdOptions { LearningRate = 1e-3 }),
        new("sgd-shuffle-once", new SamplerOptions { Kind = SamplerKind.ShuffleOnce, BatchSize = 25 }, new SgdOptions { LearningRate = 1e-3 }),
        new("sgd-replacement", new SamplerOptions { Kind = SamplerKind.WithReplacement, BatchSize = 25 }, new SgdOptions { LearningRate = 1e-3 }),
        new("momentum", Reshuffle, new SgdOptions { LearningRate = 1e-3, Momentum = 0.9 }),
        new("nesterov", Reshuffle, new SgdOptions { LearningRate = 1e-3, Momentum = 0.9, Nesterov = true }),
        new("adam", Reshuffle, new AdamOptions { LearningRate = 0.1 }),
        new("adamw", Reshuffle, new AdamWOptions { LearningRate = 0.1 }),
        new("rmsprop", Reshuffle, new RmspropOptions { LearningRate = 0.01 }),
        new("adagrad", Reshuffle, new AdagradOptions { LearningRate = 1 }),
    ];

    /// <summary>The built-in names, comma-separated, for messages and help.</summary>
    public static string Names => string.Join(", ", All.Select(m => m.Name));

    /// <summary>The built-in method named <paramref name="name"/>, or null.</summary>
    public static Method? Find(string name) => All.FirstOrDefault(m => m.Name == name);
}
