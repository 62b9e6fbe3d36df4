using DescentLab.Analysis;
using DescentLab.Experiments;
using DescentLab.Models;
using DescentLab.Statistics;

namespace DescentLab.Io;

/// <summary>
/// Writes summary.json: the problem, its analysis and each run's outcome (replicate 0's); with replicates, each method's
/// distribution ("bands") and the paired comparisons ("comparisons"); run times in a separate "timing" section.
/// </summary>
/// <remarks>
/// Everything outside "timing" is a function of the spec alone, so two runs of one spec write the same bytes there.
/// The file's fields are the DTOs of <see cref="OutputJsonContext"/>; this class only maps results onto them.
/// </remarks>
public static class SummaryJsonWriter
{
    /// <summary>Writes the summary of <paramref name="result"/> as UTF-8 JSON to <paramref name="stream"/>.</summary>
    public static void Write(ExperimentResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        var problem = result.Problem;
        var a = ProblemAnalysis.Analyze(problem);
        var methods = result.Runs.Select(run => Method(run, problem));
        var summary = Summary(result.Spec, problem.SampleCount, problem.ParameterNames, methods, result.Runs, result.Statistics) with
        {
            Optimum = new OptimumDto(a.Optimum, a.MinimumLoss),
            OptimumNote = a.OptimumNote,
            Analysis = new AnalysisDto(a.Eigenvalues, a.ConditionNumber, a.StabilityBound, a.BestConstantStep, a.BestConstantRate, a.HeavyBallStep, a.HeavyBallMomentum, a.HeavyBallRate),
        };
        JsonFormat.Write(summary, OutputJsonContext.Default.SummaryDtoMethodSummaryDto, stream);
    }

    /// <summary>
    /// Writes the summary of a network experiment: the model, its loss, the classes with their counts, and per method
    /// the initial and final full-data loss and accuracy, the final batch loss, θ, steps and divergence. A network has
    /// no closed-form optimum, so "optimum" is null and says why.
    /// </summary>
    public static void Write(NetworkExperimentResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        var network = result.Network;
        var data = network.Data;
        var methods = result.Runs.Select((run, index) => NetworkMethod(result, run, result.EndCurvatures.ElementAtOrDefault(index)));
        var summary = Summary(result.Spec, network.SampleCount, network.ParameterNames, methods, result.Runs, result.Statistics) with
        {
            Model = result.Spec.Model.ToString(),
            Loss = network.LossKind switch
            {
                NetworkLoss.BinaryCrossEntropyWithLogits => "BCEWithLogitsLoss",
                NetworkLoss.CrossEntropy => "CrossEntropyLoss",
                _ => "MSELoss",
            },
            Classes = data.ClassNames?.Zip(data.ClassCounts(), (name, count) => new ClassCountDto(name, count)).ToArray(),
            Optimum = result.Optimum is { Theta: { } theta } newton ? new OptimumDto(theta, newton.Loss) : null,
            OptimumNote = result.Optimum?.Statement ?? (result.Reference is null
                ? "no closed form for this model: losses are compared as they are, not as excess loss"
                : "no closed form for this model: excess loss is measured against the reference L_ref, a local optimum (see reference)"),
            Reference = result.Reference is { } reference ? Reference(reference) : null,
        };
        JsonFormat.Write(summary, OutputJsonContext.Default.SummaryDtoNetworkMethodSummaryDto, stream);
    }

    /// <summary>The fields every summary has, with the statistics across replicates if there are some; the optimum is set by the caller.</summary>
    private static SummaryDto<TMethod> Summary<TMethod>(
        ExperimentSpec spec,
        int samples,
        IReadOnlyList<string> parameters,
        IEnumerable<TMethod> methods,
        IEnumerable<RunResult> runs,
        ReplicateStatistics? statistics) => new()
    {
        Name = spec.Name,
        Seed = spec.Seed,
        Replicates = spec.Replicates,
        Samples = samples,
        Parameters = parameters,
        Optimum = null,
        Methods = [.. methods],
        Bands = statistics is null ? null : Bands(statistics),
        Comparisons = statistics?.Comparisons.Select(Comparison).ToArray(),
        SkippedComparisons = statistics?.Skipped.Select(s => new SkippedComparisonDto(AxisName(s.Axis), s.At, s.Methods, s.Reason)).ToArray(),
        Timing = new([.. runs.Select(run => new RunTimeDto(run.Method.Name, run.Replicate, Math.Round(run.Elapsed.TotalSeconds, 6)))]),
    };

    private static MethodSummaryDto Method(RunResult run, Problem problem)
    {
        var t = run.Trajectory;
        var last = t.Count - 1;
        var metrics = PathMetrics.Of(t, problem);
        return new MethodSummaryDto(
            run.Method.Name,
            run.Replicate,
            run.Init,
            FinalTheta(t),
            t.BatchLoss[last],
            t.Loss[last],
            metrics.ExcessLoss[last],
            metrics.DistanceToOptimum[last],
            t.Step[last],
            t.Epoch[last],
            t.Samples[last],
            t.Diverged,
            t.DivergedAtStep,
            t.DivergedAtStep is null ? null : t.DivergenceReason);
    }

    private static NetworkMethodSummaryDto NetworkMethod(NetworkExperimentResult result, RunResult run, CurvatureAnalysis? curvature)
    {
        var t = run.Trajectory;
        var last = t.Count - 1;
        var classifier = result.Network.IsClassifier;
        return new NetworkMethodSummaryDto(
            run.Method.Name,
            run.Replicate,
            run.Init,
            FinalTheta(t),
            t.Loss[0],
            last > 0 ? t.BatchLoss[last] : double.NaN,
            t.Loss[last],
            result.Reference is null ? null : result.ExcessLoss(run),
            classifier ? result.InitialAccuracy(run) : null,
            classifier ? result.FinalAccuracy(run) : null,
            t.Step[last],
            t.Epoch[last],
            t.Diverged,
            t.DivergedAtStep,
            t.DivergedAtStep is null ? null : t.DivergenceReason,
            curvature is null ? null : new CurvatureDto(curvature.MinEigenvalue, curvature.MaxEigenvalue, curvature.StabilityBound));
    }

    private static ReferenceDto Reference(ReferenceOptimum reference) => new(
        reference.Loss,
        reference.GradientNorm,
        reference.Iterations,
        reference.Stop switch
        {
            ReferenceStop.Converged => "converged",
            ReferenceStop.IterationLimit => "iteration-limit",
            _ => "stalled",
        },
        reference.StartMethod,
        reference.StartLoss,
        reference.Statement,
        reference.Theta);

    private static double[] FinalTheta(Training.Trajectory t)
    {
        var theta = new double[t.ParameterCount];
        t.ParametersAt(t.Count - 1, theta);
        return theta;
    }

    /// <summary>Per method its distribution across replicates.</summary>
    private static BandsDto Bands(ReplicateStatistics statistics)
    {
        var o = statistics.Options;
        return new BandsDto(
            o.BandLower,
            o.BandUpper,
            o.RelativeTolerance,
            [.. statistics.Methods.Select(m => new MethodBandDto(
                m.Name,
                m.Replicates,
                m.DivergedCount,
                Quantiles(m.FinalExcessLoss),
                Quantiles(m.EpochsToTolerance),
                m.ReachedTolerance,
                m.HasAccuracy ? Quantiles(m.FinalAccuracy) : null))]);
    }

    private static ComparisonDto Comparison(PairedComparison c) => new(
        c.MethodA,
        c.MethodB,
        AxisName(c.Axis),
        c.At,
        c.StepA,
        c.StepB,
        c.Replicates,
        c.Interval.Mean,
        c.Interval.Lower,
        c.Interval.Upper,
        c.Interval.Level,
        c.Interval.Resamples,
        c.MedianDifference,
        c.ShareABetter);

    private static QuantilesDto Quantiles(QuantileSummary q) => new(q.Lower, q.Median, q.Upper);

    private static string AxisName(ComparisonAxis axis) => axis == ComparisonAxis.Epoch ? "epoch" : "step";
}
