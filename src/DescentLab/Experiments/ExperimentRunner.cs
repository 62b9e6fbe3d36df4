using DescentLab.Models;
using DescentLab.Randomness;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Experiments;

/// <summary>Runs an experiment spec: builds its problem, draws the inits and trains every method.</summary>
public static class ExperimentRunner
{
    /// <summary>Runs <paramref name="spec"/> and returns every trajectory, in method order.</summary>
    public static ExperimentResult Run(ExperimentSpec spec, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= new RunOptions();
        var data = spec.Data.Create(spec.Seed);
        if (spec.Randomness == RandomnessMode.Notebook)
        {
            // torch.Tensor(ndarray) stores the notebook's float64 data as float32.
            data = data.RoundedToSingle();
        }

        var problem = new Problem(data, spec.Degree);
        if (spec.Init.Kind == InitKind.Explicit && spec.Init.Values.Count != problem.ParameterCount)
        {
            throw new ArgumentException(
                $"init: {spec.Init.Values.Count} values given; the model has {problem.ParameterCount} parameters ({string.Join(", ", problem.ParameterNames)}).",
                nameof(spec));
        }

        var runs = spec.Randomness == RandomnessMode.Notebook
            ? RunNotebook(spec, problem, options, cancellationToken)
            : RunIndependent(spec, problem, options, cancellationToken);
        return new ExperimentResult(spec, problem, runs);
    }

    /// <summary>The notebook's order: one global torch stream; each method draws its init, then trains.</summary>
    private static RunResult[] RunNotebook(ExperimentSpec spec, Problem problem, RunOptions options, CancellationToken cancellationToken)
    {
        var global = new TorchGenerator(spec.Seed);
        var stream = LoaderRandomness.Global(global);
        var runs = new RunResult[spec.Methods.Count];
        for (var m = 0; m < runs.Length; m++)
        {
            var init = spec.Init.Kind == InitKind.Explicit
                ? [.. spec.Init.Values]
                : TorchLinearInit.Draw(global, problem.ParameterCount - 1);
            runs[m] = Train(problem, spec.Methods[m], init, spec.Training, stream, options, cancellationToken);
        }

        return runs;
    }

    /// <summary>Independent runs: shared or per-method inits, and one private shuffle stream per run; trained in parallel.</summary>
    private static RunResult[] RunIndependent(ExperimentSpec spec, Problem problem, RunOptions options, CancellationToken cancellationToken)
    {
        var methods = spec.Methods;
        var inits = new double[methods.Count][];
        var initStream = new TorchGenerator(spec.Seed);
        var shared = spec.Init.Kind == InitKind.Shared ? TorchLinearInit.Draw(initStream, problem.ParameterCount - 1) : null;
        for (var m = 0; m < methods.Count; m++)
        {
            inits[m] = spec.Init.Kind switch
            {
                InitKind.Explicit => [.. spec.Init.Values],
                InitKind.Shared => shared!,
                _ => TorchLinearInit.Draw(initStream, problem.ParameterCount - 1),
            };
        }

        var runs = new RunResult[methods.Count];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism),
            CancellationToken = cancellationToken,
        };
        Parallel.For(0, methods.Count, parallel, m =>
        {
            var stream = LoaderRandomness.Private(new TorchGenerator(RunSeed.Derive(spec.Seed, methods[m].Name, 0)));
            runs[m] = Train(problem, methods[m], inits[m], spec.Training, stream, options, cancellationToken);
        });
        return runs;
    }

    private static RunResult Train(
        Problem problem,
        Method method,
        double[] init,
        TrainingOptions training,
        LoaderRandomness stream,
        RunOptions options,
        CancellationToken cancellationToken)
    {
        var started = options.Time.GetTimestamp();
        var trajectory = Trainer.Train(problem, method, init, training, stream, 0, options.Progress, cancellationToken);
        var elapsed = options.Time.GetElapsedTime(started);
        return new RunResult(method, 0, init, trajectory, elapsed);
    }
}
