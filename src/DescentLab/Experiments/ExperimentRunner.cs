using DescentLab.Analysis;
using DescentLab.Models;
using DescentLab.Randomness;
using DescentLab.Sampling;
using DescentLab.Statistics;
using DescentLab.Training;

namespace DescentLab.Experiments;

/// <summary>Runs an experiment spec: builds its problem, draws the inits and trains every method, under every replicate.</summary>
public static class ExperimentRunner
{
    /// <summary>
    /// Runs <paramref name="spec"/> and returns every trajectory of replicate 0, in method order; with more than one
    /// replicate, also the statistics across replicates, folded in as each replicate finishes.
    /// </summary>
    public static ExperimentResult Run(ExperimentSpec spec, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= new RunOptions();
        if ((ulong)spec.Seed + (ulong)(spec.Replicates - 1) > uint.MaxValue)
        {
            throw new ArgumentException($"seed {spec.Seed} + {spec.Replicates - 1} replicates runs past the largest seed, {uint.MaxValue}.", nameof(spec));
        }

        if (!spec.Model.IsLinear)
        {
            throw new ArgumentException($"model: {nameof(Run)} covers the linear model (with its closed forms, figures and the playground); {spec.Model} trains with ExperimentRunner.RunNetwork, replicates included.", nameof(spec));
        }

        var problem = CreateProblem(spec, spec.Seed);
        if (spec.Init.Kind == InitKind.Explicit && spec.Init.Values.Count != problem.ParameterCount)
        {
            throw new ArgumentException(
                $"init: {spec.Init.Values.Count} values given; the model has {problem.ParameterCount} parameters ({string.Join(", ", problem.ParameterNames)}).",
                nameof(spec));
        }

        var accumulators = spec.Replicates > 1
            ? spec.Methods.Select(m => new ReplicateAccumulator(m.Name, ReplicateGrid.For(m.Sampler, problem.SampleCount, spec.Training), spec.Replicates, spec.Statistics)).ToArray()
            : null;
        var runs = RunWithSeed(spec, spec.Seed, 0, problem, options, options.MaxDegreeOfParallelism, cancellationToken);
        if (accumulators is null)
        {
            return new ExperimentResult(spec, problem, runs);
        }

        Fold(accumulators, spec.Seed, runs, problem);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            CancellationToken = cancellationToken,
        };

        // One replicate per task, its methods in turn: each replicate's trajectories are dropped once folded. Only
        // replicate 0's trajectories are returned, so the others need not keep an epoch's batches.
        var others = spec with { Training = spec.Training with { KeepBatchesOfEpoch = null } };
        Parallel.For(1, spec.Replicates, parallel, r =>
        {
            var seed = (uint)(spec.Seed + r);
            var replicateProblem = spec.Data.DependsOnSeed ? CreateProblem(spec, seed) : problem;
            if (replicateProblem.SampleCount != problem.SampleCount)
            {
                throw new InvalidOperationException($"replicate {r} has {replicateProblem.SampleCount} samples, replicate 0 {problem.SampleCount}: replicates must share the grid.");
            }

            Fold(accumulators, seed, RunWithSeed(others, seed, r, replicateProblem, options, 1, cancellationToken), replicateProblem);
        });

        var statistics = ReplicateStatistics.Create(problem.ParameterNames, [.. accumulators.Select(a => a.Build())], spec.Statistics);
        return new ExperimentResult(spec, problem, runs) { Statistics = statistics };
    }

    /// <summary>The problem <paramref name="spec"/> trains on (replicate 0's), built without training anything.</summary>
    public static Problem CreateProblem(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return CreateProblem(spec, spec.Seed);
    }

    private static Problem CreateProblem(ExperimentSpec spec, uint seed)
    {
        var data = spec.Data.Create(seed);
        if (spec.Randomness == RandomnessMode.Notebook)
        {
            // torch.Tensor(ndarray) stores the notebook's float64 data as float32.
            data = data.RoundedToSingle();
        }

        return new Problem(data, spec.Degree);
    }

    private static void Fold(ReplicateAccumulator[] accumulators, uint seed, RunResult[] runs, Problem problem)
    {
        for (var m = 0; m < runs.Length; m++)
        {
            accumulators[m].Add(runs[m].Replicate, seed, runs[m].Trajectory, problem);
        }
    }

    /// <summary>Every method under one seed, as the single run with that seed: replicate r of seed s is the run with seed s + r.</summary>
    private static RunResult[] RunWithSeed(ExperimentSpec spec, uint seed, int replicate, Problem problem, RunOptions options, int threads, CancellationToken cancellationToken) =>
        RunWithSeed(spec, seed, replicate, problem, g => TorchLinearInit.Draw(g, problem.ParameterCount - 1), options, threads, cancellationToken);

    private static RunResult[] RunWithSeed(ExperimentSpec spec, uint seed, int replicate, IModel model, Func<TorchGenerator, double[]> drawInit, RunOptions options, int threads, CancellationToken cancellationToken) =>
        spec.Randomness == RandomnessMode.Notebook
            ? RunNotebook(spec, seed, replicate, model, drawInit, options, cancellationToken)
            : RunIndependent(spec, seed, replicate, model, drawInit, options, threads, cancellationToken);

    /// <summary>
    /// Runs <paramref name="spec"/> with a network model (logistic, softmax, MLP): the data, the inits and the shuffles
    /// come from the same streams as the linear model's, each init as torch draws a fresh model. Returns replicate 0's
    /// runs; with more than one replicate, also the statistics across them.
    /// </summary>
    /// <remarks>
    /// Replicate r is exactly the single run with seed s + r: its data (when generated), its one init shared by every
    /// method, and its shuffle streams. Excess loss is measured against each replicate's own reference: Newton's L* for
    /// logistic regression with a finite θ*, otherwise L_ref from full-batch L-BFGS started at that replicate's best end
    /// point (<see cref="ReferenceOptimum"/>); when every run of a replicate diverged, the lowest finite loss any of them
    /// recorded. Reached means L − reference below the relative tolerance × max(reference, 1e-6 × scale), the scale being
    /// 1 for a classifier's cross-entropy and mean(y²) for a regression network.
    /// </remarks>
    public static NetworkExperimentResult RunNetwork(ExperimentSpec spec, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= new RunOptions();
        if (spec.Model.IsLinear)
        {
            throw new ArgumentException($"model: the linear model runs with {nameof(Run)}.", nameof(spec));
        }

        if ((ulong)spec.Seed + (ulong)(spec.Replicates - 1) > uint.MaxValue)
        {
            throw new ArgumentException($"seed {spec.Seed} + {spec.Replicates - 1} replicates runs past the largest seed, {uint.MaxValue}.", nameof(spec));
        }

        var network = CreateNetwork(spec);
        if (spec.Init.Kind == InitKind.Explicit && spec.Init.Values.Count != network.ParameterCount)
        {
            throw new ArgumentException($"init: {spec.Init.Values.Count} values given; the model has {network.ParameterCount} parameters.", nameof(spec));
        }

        var threads = Math.Max(1, options.MaxDegreeOfParallelism);
        var runs = RunWithSeed(spec, spec.Seed, 0, network, network.DrawInit, options, threads, cancellationToken);
        var curvatures = new CurvatureAnalysis?[runs.Length];
        var theta = new double[network.ParameterCount];
        for (var m = 0; m < runs.Length; m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t = runs[m].Trajectory;
            t.ParametersAt(t.Count - 1, theta);
            curvatures[m] = t.Diverged || network.ParameterCount > CurvatureAnalysis.MaxParameters ? null : CurvatureAnalysis.At(network, theta);
        }

        var logistic = IsLogistic(spec, network);
        var optimum = logistic ? LogisticOptimum.Find(network) : null;
        var reference = logistic ? null : FindReference(network, runs, cancellationToken);
        var result = new NetworkExperimentResult(spec, network, runs)
        {
            Optimum = optimum,
            Reference = reference,
            EndCurvatures = curvatures,
        };
        if (spec.Replicates == 1)
        {
            return result;
        }

        var accumulators = spec.Methods
            .Select(m => new ReplicateAccumulator(m.Name, ReplicateGrid.For(m.Sampler, network.SampleCount, spec.Training), spec.Replicates, spec.Statistics))
            .ToArray();
        FoldNetwork(accumulators, spec, spec.Seed, network, runs, optimum, reference, cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        var others = spec with { Training = spec.Training with { KeepBatchesOfEpoch = null } };
        Parallel.For(1, spec.Replicates, parallel, r =>
        {
            var seed = (uint)(spec.Seed + r);
            var replicateNetwork = spec.Data.DependsOnSeed ? CreateNetwork(spec, seed) : network;
            if (replicateNetwork.SampleCount != network.SampleCount)
            {
                throw new InvalidOperationException($"replicate {r} has {replicateNetwork.SampleCount} samples, replicate 0 {network.SampleCount}: replicates must share the grid.");
            }

            var replicateRuns = RunWithSeed(others, seed, r, replicateNetwork, replicateNetwork.DrawInit, options, 1, cancellationToken);
            var replicateOptimum = logistic ? LogisticOptimum.Find(replicateNetwork) : null;
            var replicateReference = logistic ? null : FindReference(replicateNetwork, replicateRuns, cancellationToken);
            FoldNetwork(accumulators, spec, seed, replicateNetwork, replicateRuns, replicateOptimum, replicateReference, cancellationToken);
        });

        var statistics = ReplicateStatistics.Create(network.ParameterNames, [.. accumulators.Select(a => a.Build())], spec.Statistics);
        return result with { Statistics = statistics };
    }

    private static bool IsLogistic(ExperimentSpec spec, NeuralNetwork network) =>
        spec.Model.Kind == ModelKind.Logistic && network.LossKind == NetworkLoss.BinaryCrossEntropyWithLogits;

    /// <summary>Folds one replicate's runs against its reference: Newton's θ*, else L_ref (from L-BFGS, found here for a separable logistic fit), else the lowest loss recorded.</summary>
    private static void FoldNetwork(
        ReplicateAccumulator[] accumulators,
        ExperimentSpec spec,
        uint seed,
        NeuralNetwork network,
        RunResult[] runs,
        LogisticOptimum? optimum,
        ReferenceOptimum? reference,
        CancellationToken cancellationToken)
    {
        double[] at;
        double minimum;
        if (optimum is { Theta: { } newton })
        {
            (at, minimum) = (newton, optimum.Loss);
        }
        else if ((reference ?? FindReference(network, runs, cancellationToken)) is { } found)
        {
            (at, minimum) = (found.Theta, found.Loss);
        }
        else
        {
            // Every run diverged: the lowest finite loss any of them recorded stands in, at the start point.
            at = [.. runs[0].Init];
            minimum = runs.SelectMany(r => r.Trajectory.Loss.ToArray()).Where(double.IsFinite).DefaultIfEmpty(0).Min();
        }

        var scale = network.IsClassifier ? 1 : MeanSquare(network.Data.Output);
        var tolerance = spec.Statistics.ToleranceFor(minimum, scale);
        var theta = new double[network.ParameterCount];
        for (var m = 0; m < runs.Length; m++)
        {
            var t = runs[m].Trajectory;
            t.ParametersAt(t.Count - 1, theta);
            accumulators[m].Add(runs[m].Replicate, seed, t, at, minimum, tolerance, network.Accuracy(theta));
        }
    }

    private static double MeanSquare(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v * v;
        }

        return sum / values.Length;
    }

    /// <summary>The reference optimum from the final θ of the run with the lowest final full-data loss; null when every run diverged.</summary>
    private static ReferenceOptimum? FindReference(NeuralNetwork network, RunResult[] runs, CancellationToken cancellationToken)
    {
        var best = runs
            .Where(r => !r.Trajectory.Diverged && double.IsFinite(r.Trajectory.Loss[^1]))
            .OrderBy(r => r.Trajectory.Loss[^1])
            .FirstOrDefault();
        if (best is null)
        {
            return null;
        }

        var theta = new double[network.ParameterCount];
        best.Trajectory.ParametersAt(best.Trajectory.Count - 1, theta);
        var reference = ReferenceOptimum.Find(network, theta, best.Method.Name, cancellationToken);
        return reference with { SeparatesData = network.IsClassifier && network.Accuracy(reference.Theta) == 1 };
    }

    /// <summary>The network <paramref name="spec"/> trains (on replicate 0's data), built without training anything.</summary>
    public static NeuralNetwork CreateNetwork(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return CreateNetwork(spec, spec.Seed);
    }

    private static NeuralNetwork CreateNetwork(ExperimentSpec spec, uint seed)
    {
        var data = spec.Data.Create(seed);
        if (spec.Randomness == RandomnessMode.Notebook)
        {
            data = data.RoundedToSingle();
        }

        return spec.Model.CreateNetwork(data);
    }

    /// <summary>The notebook's order: one global torch stream; each method draws its init, then trains.</summary>
    private static RunResult[] RunNotebook(ExperimentSpec spec, uint seed, int replicate, IModel model, Func<TorchGenerator, double[]> drawInit, RunOptions options, CancellationToken cancellationToken)
    {
        var global = new TorchGenerator(seed);
        var stream = LoaderRandomness.Global(global);
        var runs = new RunResult[spec.Methods.Count];
        for (var m = 0; m < runs.Length; m++)
        {
            var init = spec.Init.Kind == InitKind.Explicit
                ? [.. spec.Init.Values]
                : drawInit(global);
            runs[m] = Train(model, spec.Methods[m], init, spec.Training, stream, replicate, options, cancellationToken);
        }

        return runs;
    }

    /// <summary>Independent runs: shared or per-method inits, and one private shuffle stream per run; trained in parallel.</summary>
    private static RunResult[] RunIndependent(ExperimentSpec spec, uint seed, int replicate, IModel model, Func<TorchGenerator, double[]> drawInit, RunOptions options, int threads, CancellationToken cancellationToken)
    {
        var methods = spec.Methods;
        var inits = new double[methods.Count][];
        var initStream = new TorchGenerator(seed);
        var shared = spec.Init.Kind == InitKind.Shared ? drawInit(initStream) : null;
        for (var m = 0; m < methods.Count; m++)
        {
            inits[m] = spec.Init.Kind switch
            {
                InitKind.Explicit => [.. spec.Init.Values],
                InitKind.Shared => shared!,
                _ => drawInit(initStream),
            };
        }

        var runs = new RunResult[methods.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        Parallel.For(0, methods.Count, parallel, m =>
        {
            // The shuffle stream of seed s + r is that of the single run with seed s + r, so a replicate reruns alone.
            var stream = LoaderRandomness.Private(new TorchGenerator(RunSeed.Derive(seed, methods[m].Name, 0)));
            runs[m] = Train(model, methods[m], inits[m], spec.Training, stream, replicate, options, cancellationToken);
        });
        return runs;
    }

    private static RunResult Train(
        IModel model,
        Method method,
        double[] init,
        TrainingOptions training,
        LoaderRandomness stream,
        int replicate,
        RunOptions options,
        CancellationToken cancellationToken)
    {
        var started = options.Time?.GetTimestamp() ?? 0;
        var trajectory = Trainer.Train(model, method, init, training, stream, replicate, options.Progress, cancellationToken);
        var elapsed = options.Time?.GetElapsedTime(started) ?? TimeSpan.Zero;
        return new RunResult(method, replicate, init, trajectory, elapsed);
    }
}
