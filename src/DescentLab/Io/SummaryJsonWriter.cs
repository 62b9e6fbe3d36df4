using System.Text.Json;
using DescentLab.Analysis;
using DescentLab.Experiments;
using DescentLab.Statistics;

namespace DescentLab.Io;

/// <summary>
/// Writes summary.json: the problem, its analysis and each run's outcome (replicate 0's); with replicates, each method's
/// distribution ("bands") and the paired comparisons ("comparisons"); run times in a separate "timing" section.
/// </summary>
/// <remarks>
/// Everything outside "timing" is a function of the spec alone, so two runs of one spec write the same bytes there.
/// Numbers are in the shortest round-trip form; a non-finite number (a diverged loss, the condition number of a
/// singular Hessian) is written as the string "NaN", "Infinity" or "-Infinity", which JSON numbers cannot hold.
/// </remarks>
public static class SummaryJsonWriter
{
    /// <summary>Writes the summary of <paramref name="result"/> as UTF-8 JSON to <paramref name="stream"/>.</summary>
    public static void Write(ExperimentResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        var problem = result.Problem;
        var analysis = ProblemAnalysis.Analyze(problem);
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JsonText.Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("name", result.Spec.Name);
            w.WriteNumber("seed", result.Spec.Seed);
            w.WriteNumber("replicates", result.Spec.Replicates);
            w.WriteNumber("samples", problem.SampleCount);
            Strings(w, "parameters", problem.ParameterNames);
            w.WriteStartObject("optimum");
            Numbers(w, "theta", analysis.Optimum);
            Number(w, "loss", analysis.MinimumLoss);
            w.WriteEndObject();

            w.WriteStartObject("analysis");
            Numbers(w, "eigenvalues", analysis.Eigenvalues);
            Number(w, "conditionNumber", analysis.ConditionNumber);
            Number(w, "stabilityBound", analysis.StabilityBound);
            Number(w, "bestConstantStep", analysis.BestConstantStep);
            Number(w, "bestConstantRate", analysis.BestConstantRate);
            Number(w, "heavyBallStep", analysis.HeavyBallStep);
            Number(w, "heavyBallMomentum", analysis.HeavyBallMomentum);
            Number(w, "heavyBallRate", analysis.HeavyBallRate);
            w.WriteEndObject();

            w.WriteStartArray("methods");
            var theta = new double[problem.ParameterCount];
            foreach (var run in result.Runs)
            {
                var t = run.Trajectory;
                var last = t.Count - 1;
                t.ParametersAt(last, theta);
                var metrics = PathMetrics.Of(t, problem);
                w.WriteStartObject();
                w.WriteString("name", run.Method.Name);
                w.WriteNumber("replicate", run.Replicate);
                Numbers(w, "init", run.Init);
                Numbers(w, "final", theta);
                Number(w, "finalBatchLoss", t.BatchLoss[last]);
                Number(w, "finalLoss", t.Loss[last]);
                Number(w, "finalExcessLoss", metrics.ExcessLoss[last]);
                Number(w, "finalDistance", metrics.DistanceToOptimum[last]);
                w.WriteNumber("steps", t.Step[last]);
                Number(w, "epochs", t.Epoch[last]);
                w.WriteNumber("samplesProcessed", t.Samples[last]);
                w.WriteBoolean("diverged", t.Diverged);
                if (t.DivergedAtStep is { } step)
                {
                    w.WriteNumber("divergedAtStep", step);
                    w.WriteString("divergenceReason", t.DivergenceReason);
                }
                else
                {
                    w.WriteNull("divergedAtStep");
                    w.WriteNull("divergenceReason");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (result.Statistics is { } statistics)
            {
                WriteStatistics(w, statistics);
            }

            w.WriteStartObject("timing");
            w.WriteStartArray("runs");
            foreach (var run in result.Runs)
            {
                w.WriteStartObject();
                w.WriteString("name", run.Method.Name);
                w.WriteNumber("replicate", run.Replicate);
                w.WriteNumber("seconds", Math.Round(run.Elapsed.TotalSeconds, 6));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    /// <summary>Writes the summary of <paramref name="result"/> to a new or replaced file at <paramref name="path"/>.</summary>
    public static void Write(ExperimentResult result, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.Create(path);
        Write(result, stream);
    }

    /// <summary>
    /// Writes the summary of a network experiment: the model, its loss, the classes with their counts, and per method
    /// the initial and final full-data loss and accuracy, the final batch loss, θ, steps and divergence. A network has
    /// no closed-form optimum, so "optimum" is null and says why.
    /// </summary>
    public static void Write(NetworkExperimentResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        var network = result.Network;
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JsonText.Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("name", result.Spec.Name);
            w.WriteNumber("seed", result.Spec.Seed);
            w.WriteNumber("replicates", result.Spec.Replicates);
            w.WriteNumber("samples", network.SampleCount);
            w.WriteString("model", result.Spec.Model.ToString());
            w.WriteString("loss", network.LossKind switch
            {
                Models.NetworkLoss.BinaryCrossEntropyWithLogits => "BCEWithLogitsLoss",
                Models.NetworkLoss.CrossEntropy => "CrossEntropyLoss",
                _ => "MSELoss",
            });
            if (network.Data.ClassNames is { } classes)
            {
                var counts = network.Data.ClassCounts();
                w.WriteStartArray("classes");
                for (var k = 0; k < classes.Count; k++)
                {
                    w.WriteStartObject();
                    w.WriteString("name", classes[k]);
                    w.WriteNumber("count", counts[k]);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            Strings(w, "parameters", network.ParameterNames);
            if (result.Optimum is { Theta: { } optimum } newton)
            {
                w.WriteStartObject("optimum");
                Numbers(w, "theta", optimum);
                Number(w, "loss", newton.Loss);
                w.WriteEndObject();
                w.WriteString("optimumNote", newton.Statement);
            }
            else
            {
                w.WriteNull("optimum");
                w.WriteString("optimumNote", result.Optimum?.Statement ?? (result.Reference is null
                    ? "no closed form for this model: losses are compared as they are, not as excess loss"
                    : "no closed form for this model: excess loss is measured against the reference L_ref, a local optimum (see reference)"));
            }

            if (result.Reference is { } reference)
            {
                w.WriteStartObject("reference");
                Number(w, "loss", reference.Loss);
                Number(w, "gradientNorm", reference.GradientNorm);
                w.WriteNumber("iterations", reference.Iterations);
                w.WriteString("stop", reference.Stop switch
                {
                    Analysis.ReferenceStop.Converged => "converged",
                    Analysis.ReferenceStop.IterationLimit => "iteration-limit",
                    _ => "stalled",
                });
                w.WriteString("startMethod", reference.StartMethod);
                Number(w, "startLoss", reference.StartLoss);
                w.WriteString("statement", reference.Statement);
                Numbers(w, "theta", reference.Theta);
                w.WriteEndObject();
            }

            w.WriteStartArray("methods");
            var theta = new double[network.ParameterCount];
            foreach (var run in result.Runs)
            {
                var t = run.Trajectory;
                var last = t.Count - 1;
                t.ParametersAt(last, theta);
                w.WriteStartObject();
                w.WriteString("name", run.Method.Name);
                w.WriteNumber("replicate", run.Replicate);
                Numbers(w, "init", run.Init);
                Numbers(w, "finalTheta", theta);
                Number(w, "initialLoss", t.Loss[0]);
                Number(w, "finalBatchLoss", last > 0 ? t.BatchLoss[last] : double.NaN);
                Number(w, "finalLoss", t.Loss[last]);
                if (result.Reference is not null)
                {
                    Number(w, "excessLoss", result.ExcessLoss(run));
                }

                if (network.IsClassifier)
                {
                    Number(w, "initialAccuracy", result.InitialAccuracy(run));
                    Number(w, "finalAccuracy", result.FinalAccuracy(run));
                }

                w.WriteNumber("steps", t.Step[last]);
                Number(w, "epochs", t.Epoch[last]);
                w.WriteBoolean("diverged", t.Diverged);
                if (t.DivergedAtStep is { } step)
                {
                    w.WriteNumber("divergedAtStep", step);
                    w.WriteString("divergenceReason", t.DivergenceReason);
                }

                var index = result.Runs.ToList().IndexOf(run);
                if (index < result.EndCurvatures.Count && result.EndCurvatures[index] is { } curvature)
                {
                    // The Hessian at the end point, by central differences of the exact gradient.
                    w.WriteStartObject("endCurvature");
                    Number(w, "minEigenvalue", curvature.MinEigenvalue);
                    Number(w, "maxEigenvalue", curvature.MaxEigenvalue);
                    Number(w, "stabilityBound", curvature.StabilityBound);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (result.Statistics is { } statistics)
            {
                WriteStatistics(w, statistics);
            }

            w.WriteStartObject("timing");
            w.WriteStartArray("runs");
            foreach (var run in result.Runs)
            {
                w.WriteStartObject();
                w.WriteString("name", run.Method.Name);
                w.WriteNumber("replicate", run.Replicate);
                w.WriteNumber("seconds", Math.Round(run.Elapsed.TotalSeconds, 6));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    /// <summary>Per method its distribution across replicates; per pair of methods the paired comparisons.</summary>
    private static void WriteStatistics(Utf8JsonWriter w, ReplicateStatistics statistics)
    {
        var o = statistics.Options;
        w.WriteStartObject("bands");
        Number(w, "lower", o.BandLower);
        Number(w, "upper", o.BandUpper);
        Number(w, "relativeTolerance", o.RelativeTolerance);
        w.WriteStartArray("methods");
        foreach (var m in statistics.Methods)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Name);
            w.WriteNumber("replicates", m.Replicates);
            w.WriteNumber("diverged", m.DivergedCount);
            Quantiles(w, "finalExcessLoss", m.FinalExcessLoss);
            Quantiles(w, "epochsToTolerance", m.EpochsToTolerance);
            Number(w, "reachedTolerance", m.ReachedTolerance);
            if (m.HasAccuracy)
            {
                Quantiles(w, "finalAccuracy", m.FinalAccuracy);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartArray("comparisons");
        foreach (var c in statistics.Comparisons)
        {
            w.WriteStartObject();
            w.WriteString("a", c.MethodA);
            w.WriteString("b", c.MethodB);
            w.WriteString("axis", c.Axis == ComparisonAxis.Epoch ? "epoch" : "step");
            w.WriteNumber("at", c.At);
            w.WriteNumber("stepA", c.StepA);
            w.WriteNumber("stepB", c.StepB);
            w.WriteNumber("replicates", c.Replicates);
            Number(w, "meanDifference", c.Interval.Mean);
            Number(w, "lower", c.Interval.Lower);
            Number(w, "upper", c.Interval.Upper);
            Number(w, "level", c.Interval.Level);
            w.WriteNumber("resamples", c.Interval.Resamples);
            Number(w, "medianDifference", c.MedianDifference);
            Number(w, "shareABetter", c.ShareABetter);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("skippedComparisons");
        foreach (var skipped in statistics.Skipped)
        {
            w.WriteStartObject();
            w.WriteString("axis", skipped.Axis == ComparisonAxis.Epoch ? "epoch" : "step");
            w.WriteNumber("at", skipped.At);
            Strings(w, "methods", skipped.Methods);
            w.WriteString("reason", skipped.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Quantiles(Utf8JsonWriter w, string name, QuantileSummary q)
    {
        w.WriteStartObject(name);
        Number(w, "lower", q.Lower);
        Number(w, "median", q.Median);
        Number(w, "upper", q.Upper);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        Value(w, value);
    }

    private static void Value(Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumberValue(value);
        }
        else
        {
            w.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void Numbers(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            Value(w, v);
        }

        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
