using System.Globalization;
using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Models;
using DescentLab.Sampling;
using DescentLab.Sweeps;

namespace DescentLab.Io;

/// <summary>The checks of an experiment file that only its data can answer: the seeds, the data itself, batch sizes and steps against n, an explicit init against p, the plane's names.</summary>
public static class ExperimentFileCheck
{
    /// <summary>Throws a <see cref="SpecFormatException"/> naming the JSON path of the first value the data rules out; returns the data otherwise.</summary>
    /// <exception cref="SpecFormatException">A value does not fit the data; the message starts with its JSON path.</exception>
    public static Dataset Check(ExperimentFile file) => Check(file, CreateData(file));

    /// <summary>
    /// The file's data, created once for the checks: refused when the seeds of the replicates run past the largest seed,
    /// when it cannot be generated, or, for the linear model, when it is class labels or its features overflow.
    /// </summary>
    /// <exception cref="SpecFormatException">The data cannot be used; the message starts with its JSON path.</exception>
    public static Dataset CreateData(ExperimentFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var spec = file.Spec;
        if ((ulong)spec.Seed + (ulong)(spec.Replicates - 1) > uint.MaxValue)
        {
            throw new SpecFormatException("replicates", Invariant($"seed {spec.Seed} + {spec.Replicates - 1} replicates runs past the largest seed, {uint.MaxValue}."));
        }

        Dataset data;
        try
        {
            data = spec.Data.Create(spec.Seed);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new SpecFormatException("data", SettingError.MessageOf(e), e);
        }

        if (spec.Model.IsLinear)
        {
            CheckLinearOutput(spec, data);
            if (FeatureRange.Problem(data, spec.Degree) is { } range)
            {
                throw new SpecFormatException("data", range);
            }
        }

        return data;
    }

    /// <summary>The checks against <paramref name="data"/>, the file's data from <see cref="CreateData"/>: batch sizes and steps against n, an explicit init against p, the plane's names.</summary>
    /// <exception cref="SpecFormatException">A value does not fit the data; the message starts with its JSON path.</exception>
    public static Dataset Check(ExperimentFile file, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(data);
        var spec = file.Spec;
        for (var i = 0; i < spec.Methods.Count; i++)
        {
            CheckBatchSize(spec.Methods[i].Sampler, data.Count, Invariant($"methods[{i}].sampler.batchSize"));
            if (ExperimentSpec.StepLimitProblem(spec.Methods[i], data.Count, spec.Training.Epochs) is { } steps)
            {
                throw new SpecFormatException("epochs", steps);
            }
        }

        if (!spec.Model.IsLinear)
        {
            CheckNetwork(file, data);
            return data;
        }

        var p = Problem.ParameterCountOf(data.InputCount, spec.Degree);
        if (spec.Init.Kind == InitKind.Explicit && spec.Init.Values.Count != p)
        {
            throw new SpecFormatException(
                "init",
                Invariant($"{spec.Init.Values.Count} values given; the model has {p} parameters ({string.Join(", ", new Problem(data, spec.Degree).ParameterNames)}), give one value each in that order."));
        }

        if (file.Output.Plane is { } plane)
        {
            var names = new Problem(data, spec.Degree).ParameterNames;
            foreach (var name in new[] { plane.X, plane.Y })
            {
                if (!names.Contains(name, StringComparer.Ordinal))
                {
                    throw new SpecFormatException("output.plane", $"'{name}' is not a parameter; the parameters are {string.Join(", ", names)}.");
                }
            }
        }

        return data;
    }

    /// <summary>The checks of a sweep file that only its data can answer: those of <see cref="CreateData"/>, the model against the data, and every cell's batch size and step count against n.</summary>
    /// <exception cref="SpecFormatException">A value does not fit the data; the message starts with its JSON path.</exception>
    public static void Check(SweepFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var b = file.Spec.Base;
        var data = CreateData(new ExperimentFile(b, file.Output));
        if (b.Model.Problem(data) is { } modelProblem)
        {
            throw new SpecFormatException("model", modelProblem);
        }

        foreach (var cell in file.Spec.Cells())
        {
            CheckBatchSize(cell.Method.Sampler, data.Count, "sweep.batchSize");
            if (ExperimentSpec.StepLimitProblem(cell.Method, data.Count, b.Training.Epochs) is { } steps)
            {
                throw new SpecFormatException("epochs", steps);
            }
        }
    }

    private static void CheckBatchSize(SamplerOptions sampler, int n, string path)
    {
        if (sampler.Kind != SamplerKind.FullBatch && sampler.BatchSize > n)
        {
            throw new SpecFormatException(path, Invariant($"the batch size {sampler.BatchSize} is larger than the {n} samples; use at most {n}."));
        }
    }

    /// <summary>The linear model regresses a number: a CSV column read as class labels (label, --label) is refused, for a run and a sweep alike.</summary>
    private static void CheckLinearOutput(ExperimentSpec spec, Dataset data)
    {
        if (spec.Data is GivenData && data.ClassNames is not null)
        {
            throw new SpecFormatException(
                "model",
                $"linear regresses a numeric output, but '{data.OutputName}' is read as class labels; choose logistic, softmax or an mlp, or read the column as y.");
        }
    }

    /// <summary>The checks of a network model: classes for the model, the init's length, no parameter plane.</summary>
    private static void CheckNetwork(ExperimentFile file, Dataset data)
    {
        var spec = file.Spec;
        if (spec.Model.Problem(data) is { } problem)
        {
            throw new SpecFormatException("model", problem);
        }

        var p = spec.Model.CreateNetwork(data).ParameterCount;
        if (spec.Init.Kind == InitKind.Explicit && spec.Init.Values.Count != p)
        {
            throw new SpecFormatException("init", Invariant($"{spec.Init.Values.Count} values given; the {spec.Model} model has {p} parameters, give one value each in state_dict order."));
        }

        if (file.Output.Plane is not null)
        {
            throw new SpecFormatException("output.plane", $"parameter planes are drawn for the linear model only; the {spec.Model} model has no landscape figures yet.");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
