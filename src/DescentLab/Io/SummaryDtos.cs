using System.Text.Json.Serialization;

namespace DescentLab.Io;

// summary.json as it is written: one record per JSON object, fields in the order written. A null field is left out when
// there is nothing to say (no replicates, a regression network; OutputJsonContext); the nulls marked Never are written.

/// <summary>
/// The summary of an experiment, its methods' outcomes of type <typeparamref name="TMethod"/>: a linear model's with its
/// analysis and, with replicates, the statistics; a network's with its model, loss and classes, and the optimum null
/// (the note says why) where none is known.
/// </summary>
internal sealed record SummaryDto<TMethod>
{
    public required string Name { get; init; }

    public required uint Seed { get; init; }

    public required int Replicates { get; init; }

    public required int Samples { get; init; }

    public string? Model { get; init; }

    public string? Loss { get; init; }

    public IReadOnlyList<ClassCountDto>? Classes { get; init; }

    public required IReadOnlyList<string> Parameters { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required OptimumDto? Optimum { get; init; }

    public string? OptimumNote { get; init; }

    public ReferenceDto? Reference { get; init; }

    public AnalysisDto? Analysis { get; init; }

    public required IReadOnlyList<TMethod> Methods { get; init; }

    public BandsDto? Bands { get; init; }

    public IReadOnlyList<ComparisonDto>? Comparisons { get; init; }

    public IReadOnlyList<SkippedComparisonDto>? SkippedComparisons { get; init; }

    public required TimingDto Timing { get; init; }
}

/// <summary>θ* and L*.</summary>
internal sealed record OptimumDto(IReadOnlyList<double> Theta, double Loss);

/// <summary>The Hessian's eigenvalues and the step sizes they imply.</summary>
internal sealed record AnalysisDto(
    IReadOnlyList<double> Eigenvalues,
    double ConditionNumber,
    double StabilityBound,
    double BestConstantStep,
    double BestConstantRate,
    double HeavyBallStep,
    double HeavyBallMomentum,
    double HeavyBallRate);

/// <summary>A linear run's outcome; divergedAtStep and divergenceReason are null for a run that finished.</summary>
internal sealed record MethodSummaryDto(
    string Name,
    int Replicate,
    IReadOnlyList<double> Init,
    IReadOnlyList<double> Final,
    double FinalBatchLoss,
    double FinalLoss,
    double FinalExcessLoss,
    double FinalDistance,
    long Steps,
    double Epochs,
    long SamplesProcessed,
    bool Diverged,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? DivergedAtStep,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? DivergenceReason);

/// <summary>A network run's outcome: accuracy for a classifier, divergence only when it diverged, the curvature at its end where computed.</summary>
internal sealed record NetworkMethodSummaryDto(
    string Name,
    int Replicate,
    IReadOnlyList<double> Init,
    IReadOnlyList<double> FinalTheta,
    double InitialLoss,
    double FinalBatchLoss,
    double FinalLoss,
    double? ExcessLoss,
    double? InitialAccuracy,
    double? FinalAccuracy,
    long Steps,
    double Epochs,
    bool Diverged,
    long? DivergedAtStep,
    string? DivergenceReason,
    CurvatureDto? EndCurvature);

/// <summary>A class and how many samples have it.</summary>
internal sealed record ClassCountDto(string Name, int Count);

/// <summary>The Hessian's extreme eigenvalues at a run's end, by central differences of the exact gradient.</summary>
internal sealed record CurvatureDto(double MinEigenvalue, double MaxEigenvalue, double StabilityBound);

/// <summary>The band's quantile levels and tolerance, and each method's distribution across replicates.</summary>
internal sealed record BandsDto(double Lower, double Upper, double RelativeTolerance, IReadOnlyList<MethodBandDto> Methods);

/// <summary>A method's distribution across replicates.</summary>
internal sealed record MethodBandDto(
    string Name,
    int Replicates,
    int Diverged,
    QuantilesDto FinalExcessLoss,
    QuantilesDto EpochsToTolerance,
    double ReachedTolerance,
    QuantilesDto? FinalAccuracy);

/// <summary>The reference optimum L_ref of a model without θ*: how it was found and where it ended.</summary>
internal sealed record ReferenceDto(
    double Loss,
    double GradientNorm,
    int Iterations,
    string Stop,
    string StartMethod,
    double StartLoss,
    string Statement,
    IReadOnlyList<double> Theta);

/// <summary>The lower quantile, median and upper quantile.</summary>
internal sealed record QuantilesDto(double Lower, double Median, double Upper);

/// <summary>A paired comparison of methods a and b at one epoch or step, with its bootstrap interval.</summary>
internal sealed record ComparisonDto(
    string A,
    string B,
    string Axis,
    long At,
    long StepA,
    long StepB,
    int Replicates,
    double MeanDifference,
    double Lower,
    double Upper,
    double Level,
    int Resamples,
    double MedianDifference,
    double ShareABetter);

/// <summary>A comparison that was not made, and why.</summary>
internal sealed record SkippedComparisonDto(string Axis, long At, IReadOnlyList<string> Methods, string Reason);

/// <summary>The run times: the only part of the summary that differs between two runs of one spec.</summary>
internal sealed record TimingDto(IReadOnlyList<RunTimeDto> Runs);

/// <summary>One run's training time in seconds, rounded to microseconds.</summary>
internal sealed record RunTimeDto(string Name, int Replicate, double Seconds);
