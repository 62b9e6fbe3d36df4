using DescentLab.Training;

namespace DescentLab.Experiments;

/// <summary>How an experiment is executed (not what it computes): parallelism, clock, progress.</summary>
public sealed record RunOptions
{
    /// <summary>Runs trained at once; results do not depend on it. Defaults to the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The clock that times each run.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Receives progress reports from every run; may be null.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }
}
