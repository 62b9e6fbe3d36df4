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
    /// <remarks>
    /// With a network model the minimum loss of replicate r is Newton's L* for logistic regression with a finite θ*,
    /// otherwise L_ref from full-batch L-BFGS (<see cref="ReferenceOptimum"/>) started at the replicate's shared init.
    /// It depends on the replicate only, never on the cells, so shards agree; but a cell can end below it (a negative
    /// excess loss), since no run's end point is known when it is computed. Every cell of a replicate is measured
    /// against the same value, so differences between cells are exact.
    /// </remarks>
    public static SweepResult Run(SweepSpec spec, Shard? shard = null, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var slice = shard ?? Shard.All;
        options ??= new RunOptions();
        var b = spec.Base;
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
        var seeds = new Lazy<Prepared>[replicates];
        for (var r = 0; r < replicates; r++)
        {
            var seed = (uint)(b.Seed + r);
            seeds[r] = new Lazy<Prepared>(() => Prepare(b, seed, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        var rows = new SweepRow[mine.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, rows.Length, parallel, i =>
        {
            var run = mine[i];
            var cell = cells[(int)(run / replicates)];
            var r = (int)(run % replicates);
            var seed = (uint)(b.Seed + r);
            rows[i] = RunOne(b, cell, r, seed, seeds[r].Value, cancellationToken);
        });

        return new SweepResult(spec, slice, rows);
    }

    private static Prepared Prepare(ExperimentSpec spec, uint seed, CancellationToken cancellationToken)
    {
        var data = spec.Data.Create(seed);
        if (!spec.Model.IsLinear)
        {
            return PrepareNetwork(spec, spec.Model.CreateNetwork(data), seed, cancellationToken);
        }

        var problem = new Problem(data, spec.Degree);
        var optimum = problem.FullData.Optimum.ToArray();
        var minimum = problem.FullData.MinimumLoss;
        var tolerance = spec.Statistics.ToleranceFor(problem.FullData);
        if (spec.Init.Kind == InitKind.Explicit)
        {
            if (spec.Init.Values.Count != problem.ParameterCount)
            {
                throw new ArgumentException($"init: {spec.Init.Values.Count} values given; the model has {problem.ParameterCount} parameters ({string.Join(", ", problem.ParameterNames)}).", nameof(spec));
            }

            return new Prepared(problem, [.. spec.Init.Values], optimum, minimum, tolerance);
        }

        // Every cell is compared from the same start, as the shared init of a single experiment.
        return new Prepared(problem, TorchLinearInit.Draw(new TorchGenerator(seed), problem.ParameterCount - 1), optimum, minimum, tolerance);
    }

    private static Prepared PrepareNetwork(ExperimentSpec spec, NeuralNetwork network, uint seed, CancellationToken cancellationToken)
    {
        if (spec.Init.Kind == InitKind.Explicit && spec.Init.Values.Count != network.ParameterCount)
        {
            throw new ArgumentException($"init: {spec.Init.Values.Count} values given; the {spec.Model} model has {network.ParameterCount} parameters.", nameof(spec));
        }

        double[] init = spec.Init.Kind == InitKind.Explicit ? [.. spec.Init.Values] : network.DrawInit(new TorchGenerator(seed));
        var newton = spec.Model.Kind == ModelKind.Logistic && network.LossKind == NetworkLoss.BinaryCrossEntropyWithLogits
            ? LogisticOptimum.Find(network)
            : null;
        var (optimum, minimum) = newton is { Theta: { } theta }
            ? (theta, newton.Loss)
            : ReferenceOptimum.Find(network, init, "the shared init", cancellationToken) is var reference ? (reference.Theta, reference.Loss) : default;
        var scale = 1.0;
        if (!network.IsClassifier)
        {
            var sum = 0.0;
            foreach (var y in network.Data.Output)
            {
                sum += y * y;
            }

            scale = sum / network.SampleCount;
        }

        return new Prepared(network, init, optimum, minimum, spec.Statistics.ToleranceFor(minimum, scale));
    }

    private static SweepRow RunOne(ExperimentSpec spec, SweepCell cell, int replicate, uint seed, Prepared prepared, CancellationToken cancellationToken)
    {
        var method = cell.Method;
        var model = prepared.Model;
        var training = spec.Training with { RecordEvery = method.Sampler.BatchesPerEpoch(model.SampleCount), KeepBatchesOfEpoch = null };
        var stream = LoaderRandomness.Private(new TorchGenerator(RunSeed.Derive(seed, method.Name, 0)));
        var trajectory = Trainer.Train(model, method, prepared.Init, training, stream, replicate, null, cancellationToken);
        var point = PathMetrics.Of(trajectory, prepared.Optimum, prepared.MinimumLoss).FirstBelow(prepared.Tolerance);
        var last = trajectory.Count - 1;
        var loss = trajectory.Loss[last];
        return new SweepRow(
            cell,
            replicate,
            seed,
            trajectory.Step[last],
            trajectory.Diverged || !double.IsFinite(loss) ? double.PositiveInfinity : loss,
            prepared.MinimumLoss,
            point?.Epoch,
            point?.Step,
            trajectory.DivergedAtStep);
    }

    /// <summary>What every cell of one replicate shares: the model on its data, the init, and the reference it is measured against.</summary>
    private sealed record Prepared(IModel Model, double[] Init, double[] Optimum, double MinimumLoss, double Tolerance);
}
