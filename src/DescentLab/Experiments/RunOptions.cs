using DescentLab.Training;

namespace DescentLab.Experiments;

/// <summary>How an experiment is executed (not what it computes): parallelism, clock, progress.</summary>
public sealed record RunOptions
{
    private readonly int _maxDegreeOfParallelism = -1;

    /// <summary>
    /// Runs trained at once, or -1 (the default) to let the thread pool decide (about one per core); results do not
    /// depend on it.
    /// </summary>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init => _maxDegreeOfParallelism = value == -1 || value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "MaxDegreeOfParallelism: give -1 or a whole number of at least 1.");
    }

    /// <summary>The clock that times each run; null (the default) leaves runs untimed, at zero seconds: the core reads no clock of its own.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Receives progress reports from every run; may be null.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }
}
