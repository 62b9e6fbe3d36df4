using DescentLab.Training;

namespace DescentLab.Experiments;

/// <summary>One method trained from one init on one dataset: what it started from, what it recorded, how long it took.</summary>
/// <param name="Method">The method.</param>
/// <param name="Replicate">The replicate index (0 for a single run).</param>
/// <param name="Init">θ₀, in parameter order.</param>
/// <param name="Trajectory">The recorded trajectory.</param>
/// <param name="Elapsed">Wall time of the training loop, from the time provider passed in.</param>
public sealed record RunResult(Method Method, int Replicate, IReadOnlyList<double> Init, Trajectory Trajectory, TimeSpan Elapsed);
