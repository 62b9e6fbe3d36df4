using DescentLab.Optimizers;

namespace DescentLab.Sweeps;

/// <summary>One value of a sweep's optimizer axis: a name for the tables and the optimizer's settings (its learning rate is the lr axis's).</summary>
/// <param name="Name">A short name, e.g. "sgd" or "momentum-0.9".</param>
/// <param name="Options">The optimizer and its options.</param>
public sealed record OptimizerChoice(string Name, OptimizerOptions Options);
