using DescentLab.Analysis;
using DescentLab.Experiments;
using DescentLab.Models;
using DescentLab.Randomness;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Sweeps;

/// <summary>Runs a sweep, or one shard of it, on every core; the result does not depend on the number of threads.</summary>
public static class SweepRunner
{
    /// <summary>
    /// Runs the runs of <paramref name="shard"/> (all by default). Run (cell c, replicate r) is the single run of the
    /// cell's method with seed s + r: data from s + r, the shared init from torch's generator seeded s + r, and the
    /// shuffle stream derived from (s + r, the cell's method name, 0). It records once per epoch, so epochs to tolerance
    /// are whole epochs, and keeps only final metrics.
    /// </summary>
    public static SweepResult Run(SweepSpec spec, Shard? shard = null, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var slice = shard ?? Shard.All;
        options ??= new RunOptions();
        var b = spec.Base;
        if (!b.Model.IsLinear)
        {
            throw new ArgumentException($"sweep: sweeps cover the linear model only; the sweep's model is {b.Model}.", nameof(spec));
        }

        if (b.Randomness == RandomnessMode.Notebook)
        {
            throw new ArgumentException("sweep: notebook randomness is one stream through a fixed list of methods; sweeps use independent randomness.", nameof(spec));
        }

        if ((ulong)b.Seed + (ulong)(b.Replicates - 1) > uint.MaxValue)
        {
            throw new ArgumentException($"seed {b.Seed} + {b.Replicates - 1} replicates runs past the largest seed, {uint.MaxValue}.", nameof(spec));
        }

        var cells = spec.Cells();
        var replicates = b.Replicates;
        var total = (long)cells.Count * replicates;
        var mine = new List<long>();
        for (var k = slice.Index; k < total; k += slice.Count)
        {
            mine.Add(k);
        }

        // Each replicate's data, problem and init are built once, on first use, and shared by every cell.
        var seeds = new Lazy<(Problem Problem, double[] Init)>[replicates];
        for (var r = 0; r < replicates; r++)
        {
            var seed = (uint)(b.Seed + r);
            seeds[r] = new Lazy<(Problem, double[])>(() => Prepare(b, seed), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        var rows = new SweepRow[mine.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, rows.Length, parallel, i =>
        {
            var run = mine[i];
            var cell = cells[(int)(run / replicates)];
            var r = (int)(run % replicates);
            var seed = (uint)(b.Seed + r);
            var (problem, init) = seeds[r].Value;
            rows[i] = RunOne(b, cell, r, seed, problem, init, cancellationToken);
        });

        return new SweepResult(spec, slice, rows);
    }

    private static (Problem, double[]) Prepare(ExperimentSpec spec, uint seed)
    {
        var problem = new Problem(spec.Data.Create(seed), spec.Degree);
        if (spec.Init.Kind == InitKind.Explicit)
        {
            if (spec.Init.Values.Count != problem.ParameterCount)
            {
                throw new ArgumentException($"init: {spec.Init.Values.Count} values given; the model has {problem.ParameterCount} parameters ({string.Join(", ", problem.ParameterNames)}).", nameof(spec));
            }

            return (problem, [.. spec.Init.Values]);
        }

        // Every cell is compared from the same start, as the shared init of a single experiment.
        return (problem, TorchLinearInit.Draw(new TorchGenerator(seed), problem.ParameterCount - 1));
    }

    private static SweepRow RunOne(ExperimentSpec spec, SweepCell cell, int replicate, uint seed, Problem problem, double[] init, CancellationToken cancellationToken)
    {
        var method = cell.Method;
        var training = spec.Training with { RecordEvery = method.Sampler.BatchesPerEpoch(problem.SampleCount), KeepBatchesOfEpoch = null };
        var stream = LoaderRandomness.Private(new TorchGenerator(RunSeed.Derive(seed, method.Name, 0)));
        var trajectory = Trainer.Train(problem, method, init, training, stream, replicate, null, cancellationToken);
        var point = PathMetrics.Of(trajectory, problem).FirstBelow(spec.Statistics.ToleranceFor(problem.FullData));
        var last = trajectory.Count - 1;
        var loss = trajectory.Loss[last];
        return new SweepRow(
            cell,
            replicate,
            seed,
            trajectory.Step[last],
            trajectory.Diverged || !double.IsFinite(loss) ? double.PositiveInfinity : loss,
            problem.FullData.MinimumLoss,
            point?.Epoch,
            point?.Step,
            trajectory.DivergedAtStep);
    }
}
