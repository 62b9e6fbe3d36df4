using System.CommandLine;
using DescentLab.Experiments;

namespace DescentLab.Cli;

/// <summary>The memory an experiment may take, and how densely a long run records its trajectory.</summary>
internal sealed partial class SpecOptions
{
    /// <summary>The default memory limit, unless the machine has less to give.</summary>
    private const double DefaultMaxMemoryGb = 4;

    /// <summary>The smallest limit accepted, 1 MB: below it every experiment is refused.</summary>
    private const double MinMaxMemoryGb = 0.001;

    /// <summary>The largest limit accepted, 1 PB.</summary>
    private const double MaxMaxMemoryGb = 1 << 20;

    public Option<string?> MaxMemory { get; } = new("--max-memory")
    {
        Description = "Refuse experiments estimated to need more memory than this many GB (default 4, or 80% of the memory available if less).",
        HelpName = "GB",
    };

    /// <summary>What <see cref="Resolve"/> decided for the user beside the flags and the file (e.g. a thinner record), to be printed as notes.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>
    /// Thins the record of runs too long to keep every step (unless --record-every was given), then refuses an
    /// experiment whose estimated memory passes the limit, naming what to change.
    /// </summary>
    private ExperimentFile Budget(ParseResult parse, ExperimentFile file)
    {
        var spec = file.Spec;
        var data = spec.Data.Create(spec.Seed);
        if (parse.GetValue(RecordEvery) is null && spec.Training.RecordEvery == 1)
        {
            var every = ExperimentEstimate.RecordEveryFor(spec, data.Count);
            if (every > 1)
            {
                var steps = spec.Methods.Max(m => (long)m.Sampler.BatchesPerEpoch(data.Count) * spec.Training.Epochs);
                spec = spec with { Training = spec.Training with { RecordEvery = every } };
                Notes.Add(Invariant($"the longest run takes {steps:N0} steps; recording every {every} steps (at most {ExperimentEstimate.DefaultMaxRecordedPoints:N0} points a run). Give {RecordEvery.Name} 1 to record every step."));
            }
        }

        var limitGb = DefaultLimitGb();
        if (parse.GetValue(MaxMemory) is { } text)
        {
            limitGb = ParseDouble(MaxMemory, text);
            if (!(limitGb >= MinMaxMemoryGb) || limitGb > MaxMaxMemoryGb)
            {
                throw new UsageException(Invariant($"{MaxMemory.Name}: expected a number of GB from {MinMaxMemoryGb} to {MaxMaxMemoryGb}, got '{text}'."));
            }
        }

        var estimate = ExperimentEstimate.For(spec, data.Count, data.InputCount, Environment.ProcessorCount);
        var limit = (long)(limitGb * (1L << 30));
        if (estimate.Bytes > limit)
        {
            var replicates = spec.Replicates > 1 ? Invariant($" × {spec.Replicates:N0} replicates") : string.Empty;
            throw new UsageException(Invariant(
                $"{MaxMemory.Name}: this experiment needs about {ExperimentEstimate.Size(estimate.Bytes)} ({spec.Methods.Count} method{(spec.Methods.Count == 1 ? string.Empty : "s")}{replicates}, up to {estimate.RecordedPointsPerRun:N0} recorded points a run, {data.Count:N0} samples), more than the limit of {ExperimentEstimate.Size(limit)}; record fewer points with {RecordEvery.Name}, run fewer {(spec.Replicates > 1 ? "replicates or " : string.Empty)}epochs, or raise {MaxMemory.Name}."));
        }

        return file with { Spec = spec };
    }

    private static double DefaultLimitGb()
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return available > 0 ? Math.Min(DefaultMaxMemoryGb, 0.8 * available / (1L << 30)) : DefaultMaxMemoryGb;
    }
}
