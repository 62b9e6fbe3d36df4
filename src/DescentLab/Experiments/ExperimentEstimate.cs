namespace DescentLab.Experiments;

/// <summary>
/// The work and memory an experiment needs, known before anything runs: the optimizer steps of every run and the bytes
/// its recorded trajectories, replicate statistics and data hold at once.
/// </summary>
/// <param name="Steps">Optimizer steps over every method and replicate.</param>
/// <param name="RecordedPointsPerRun">The most points one run's trajectory records.</param>
/// <param name="Bytes">The memory the experiment's results and data hold at their peak, an upper estimate.</param>
public sealed record ExperimentEstimate(long Steps, long RecordedPointsPerRun, long Bytes)
{
    /// <summary>
    /// How many points a run records unless asked for more: a curve of 10⁵ points is finer than any figure draws, and
    /// keeps a run of millions of steps at a few megabytes.
    /// </summary>
    public const int DefaultMaxRecordedPoints = 100_000;

    /// <summary>Memory taken for the figures and the rest of the process, beside what the estimate counts.</summary>
    private const long Overhead = 200L << 20;

    /// <summary>
    /// The estimate for <paramref name="spec"/> on data of <paramref name="sampleCount"/> rows of
    /// <paramref name="inputCount"/> inputs, with up to <paramref name="threads"/> replicates in flight.
    /// </summary>
    public static ExperimentEstimate For(ExperimentSpec spec, int sampleCount, int inputCount, int threads)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputCount, 1);
        var p = ((long)spec.Degree * inputCount) + 1;
        long steps = 0;
        long rows = 0;
        long perReplicate = 0;
        long statistics = 0;
        foreach (var method in spec.Methods)
        {
            var total = (long)method.Sampler.BatchesPerEpoch(sampleCount) * spec.Training.Epochs;
            var recorded = Recorded(total, spec.Training.RecordEvery);
            steps += total;
            rows = Math.Max(rows, recorded);

            // A recorded point holds its epoch, step, batch loss, loss, gradient norm and every parameter.
            perReplicate += recorded * (5 + p) * sizeof(double);

            // Each replicate keeps its loss at every grid point (the recorded steps) and a summary of about 40 numbers.
            statistics += spec.Replicates > 1 ? spec.Replicates * ((recorded * sizeof(double)) + (40 * sizeof(double))) : 0;
        }

        // Replicate 0's runs are kept; the others are dropped once folded, with up to one replicate per thread in flight.
        var inFlight = spec.Replicates > 1 ? Math.Min(spec.Replicates - 1, Math.Max(1, threads)) : 0;
        // The dataset's columns and the problem's rows of features and output (padded to at least four numbers), once
        // per replicate in flight when each replicate draws its own data.
        var data = (long)sampleCount * (inputCount + 1 + Math.Max(4, p + 1)) * sizeof(double);
        var bytes = Saturating(perReplicate, 1 + inFlight) + statistics + Saturating(data, spec.Data.DependsOnSeed ? 1 + inFlight : 1) + Overhead;
        return new ExperimentEstimate(Saturating(steps, spec.Replicates), rows, bytes);
    }

    /// <summary>
    /// The smallest record interval that keeps every run of <paramref name="spec"/> at or below
    /// <paramref name="maxPoints"/> recorded points (1 when it records them all already).
    /// </summary>
    public static int RecordEveryFor(ExperimentSpec spec, int sampleCount, int maxPoints = DefaultMaxRecordedPoints)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 4);
        var longest = spec.Methods.Max(m => (long)m.Sampler.BatchesPerEpoch(sampleCount) * spec.Training.Epochs);

        // The first and last steps are recorded beside every k-th, so aim at two fewer.
        var every = (longest + maxPoints - 3) / (maxPoints - 2);
        return (int)Math.Clamp(every, 1, int.MaxValue);
    }

    /// <summary>The estimate's bytes in words: "1.2 GB", "340 MB".</summary>
    public static string Size(long bytes) =>
        bytes >= 1L << 30 ? FormattableString.Invariant($"{bytes / (double)(1L << 30):0.#} GB") : FormattableString.Invariant($"{Math.Max(1, (bytes + (1L << 19)) >> 20)} MB");

    private static long Recorded(long totalSteps, int every) =>
        totalSteps <= 1 ? 1 + totalSteps : 1 + (totalSteps / every) + (every > 1 ? 1 : 0) + (totalSteps % every != 0 ? 1 : 0);

    private static long Saturating(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;
}
