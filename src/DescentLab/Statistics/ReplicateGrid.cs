using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Statistics;

/// <summary>
/// The record points every replicate of one method shares: the steps a run records (init, step 1, every k-th step,
/// the last), each with its epoch and samples processed, so runs are aligned by exact step number.
/// </summary>
public sealed class ReplicateGrid
{
    private readonly long[] _step;
    private readonly double[] _epoch;
    private readonly long[] _samples;

    private ReplicateGrid(int batchesPerEpoch, long[] step, double[] epoch, long[] samples)
    {
        BatchesPerEpoch = batchesPerEpoch;
        _step = step;
        _epoch = epoch;
        _samples = samples;
    }

    /// <summary>Updates per epoch for this method.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>The number of record points.</summary>
    public int Count => _step.Length;

    /// <summary>The last step of a complete run.</summary>
    public long TotalSteps => _step[^1];

    /// <summary>Updates taken at each record point (0 for the initial point).</summary>
    public ReadOnlySpan<long> Step => _step;

    /// <summary>Epochs completed at each record point, computed as the trainer computes them.</summary>
    public ReadOnlySpan<double> Epoch => _epoch;

    /// <summary>Samples processed at each record point.</summary>
    public ReadOnlySpan<long> Samples => _samples;

    /// <summary>The index of the record point at <paramref name="step"/>, or −1 if that step is not recorded.</summary>
    public int IndexOf(long step)
    {
        var index = Array.BinarySearch(_step, step);
        return index >= 0 ? index : -1;
    }

    /// <summary>The grid of a run of <paramref name="sampler"/> on <paramref name="sampleCount"/> samples under <paramref name="training"/>.</summary>
    public static ReplicateGrid For(SamplerOptions sampler, int sampleCount, TrainingOptions training)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(training);
        var batches = sampler.BatchesPerEpoch(sampleCount);
        var total = (long)batches * training.Epochs;
        var every = (long)training.RecordEvery;
        var steps = new List<long> { 0, 1 };
        for (var s = every; s <= total; s += every)
        {
            if (s > 1)
            {
                steps.Add(s);
            }
        }

        if (steps[^1] != total)
        {
            steps.Add(total);
        }

        var batchSize = sampler.Kind == SamplerKind.FullBatch ? sampleCount : sampler.BatchSize;
        var prefix = new long[batches + 1];
        for (var k = 0; k < batches; k++)
        {
            prefix[k + 1] = prefix[k] + Math.Min(batchSize, sampleCount - (k * batchSize));
        }

        var step = steps.ToArray();
        var epoch = new double[step.Length];
        var samples = new long[step.Length];
        for (var i = 1; i < step.Length; i++)
        {
            var e = (step[i] - 1) / batches;
            var k = (int)((step[i] - 1) % batches);
            // The trainer's own expression, so the epochs match its recorded ones exactly.
            epoch[i] = e + ((k + 1) / (double)batches);
            samples[i] = (e * prefix[batches]) + prefix[k + 1];
        }

        return new ReplicateGrid(batches, step, epoch, samples);
    }
}
