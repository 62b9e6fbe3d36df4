using System.Globalization;
using DescentLab.Analysis;
using DescentLab.Experiments;
using DescentLab.Statistics;
using DescentLab.Sweeps;

namespace DescentLab.Cli;

/// <summary>The results table the run command prints: one row per run with its final θ and losses, and the optimum.</summary>
internal static class ResultsTable
{
    public static void Write(ExperimentResult result, TextWriter output)
    {
        var problem = result.Problem;
        var theta = new double[problem.ParameterCount];
        var rows = result.Runs.Select(run =>
        {
            var t = run.Trajectory;
            var last = t.Count - 1;
            t.ParametersAt(last, theta);
            return (string[])[
                run.Replicate == 0 ? run.Method.Name : Invariant($"{run.Method.Name}#{run.Replicate}"),
                Invariant($"{t.Step[last]}"),
                Number(t.Epoch[last]),
                .. theta.Select(Number),
                Number(t.BatchLoss[last]),
                Number(t.Loss[last]),
                Number(t.Loss[last] - problem.FullData.MinimumLoss),
                Outcome(result, run),
            ];
        });
        var optimum = problem.FullData.Optimum.ToArray().Select(Number);
        string[] optimumRow = ["optimum θ*", string.Empty, string.Empty, .. optimum, string.Empty, Number(problem.FullData.MinimumLoss), "0", string.Empty];
        string[] header = ["method", "steps", "epochs", .. problem.ParameterNames, "batch loss", "loss", "excess loss", "outcome"];
        ConsoleTable.Of(header, [.. rows, optimumRow]).Write(output);
    }

    /// <summary>A run's outcome in words: "diverged at step k", "reached at epoch e" (the spec's tolerance rule) or "not reached".</summary>
    public static string Outcome(ExperimentResult result, RunResult run)
    {
        var t = run.Trajectory;
        if (t.DivergedAtStep is { } step)
        {
            return Invariant($"diverged at step {step}");
        }

        return result.Reached(run) is { } point ? $"reached at epoch {Number(point.Epoch)}" : "not reached";
    }

    /// <summary>The line under the table: what "outcome" means, and why a run diverged.</summary>
    public static void WriteOutcomeNote(ExperimentResult result, TextWriter output)
    {
        output.WriteLine($"outcome: reached = {result.Spec.Statistics.ToleranceText} (= {Number(result.Tolerance)}) from then on; "
            + Invariant($"diverged = θ or the full-data loss not finite, or the loss above {Number(result.Spec.Training.DivergenceFactor)} × max(L(θ₀), L*)"));
        foreach (var run in result.Runs.Where(r => r.Trajectory.Diverged))
        {
            output.WriteLine($"  {run.Method.Name}: {run.Trajectory.DivergenceReason}");
        }
    }

    /// <summary>Each method's distribution across replicates, then every paired comparison: the tables printed after the results with replicates.</summary>
    /// <param name="statistics">The statistics.</param>
    /// <param name="seed">The first replicate's seed.</param>
    /// <param name="output">Where to print.</param>
    /// <param name="reference">For models without L*, what excess loss is measured against; printed under the first line.</param>
    /// <param name="minimum">The name of that minimum in the reached rule: L* (known) or L_ref.</param>
    public static void WriteStatistics(ReplicateStatistics statistics, uint seed, TextWriter output, string? reference = null, string minimum = "L*")
    {
        var o = statistics.Options;
        var band = Invariant($"{o.BandLower * 100:0.#}%–{o.BandUpper * 100:0.#}%");
        var replicates = statistics.Methods.Count == 0 ? 0 : statistics.Methods[0].Replicates;
        output.WriteLine(Invariant($"across {replicates} replicates (seeds {seed}…{seed + (ulong)replicates - 1}): median and {band} band; reached: {o.ToleranceTextFor(minimum)} for good"));
        if (reference is not null)
        {
            output.WriteLine(reference);
        }

        output.WriteLine();
        var accuracy = statistics.Methods.Any(m => m.HasAccuracy);
        ConsoleTable.Of(
            ["method", "final excess loss", band, .. accuracy ? ["final accuracy", band] : Array.Empty<string>(), "epochs to reach", band, "reached", "diverged"],
            statistics.Methods.Select(m => (string[])[
                m.Name,
                .. Quantiles(m.FinalExcessLoss, Number),
                .. accuracy ? double.IsNaN(m.FinalAccuracy.Median) ? ["-", "-"] : Quantiles(m.FinalAccuracy, Percent) : Array.Empty<string>(),
                .. Quantiles(m.EpochsToTolerance, Number),
                Percent(m.ReachedTolerance),
                Percent(m.DivergedCount / (double)m.Replicates),
            ])).Write(output);
        if (statistics.Comparisons.Count > 0)
        {
            output.WriteLine();
            var level = Invariant($"{statistics.Comparisons[0].Interval.Level * 100:0.#}%");
            output.WriteLine($"paired comparisons: A − B of excess loss, same seed for both (negative: A is ahead); {level} bootstrap interval of the mean");
            output.WriteLine();
            ConsoleTable.Of(
                ["A", "B", "at", "mean A − B", $"{level} interval", "median A − B", "A ahead in"],
                statistics.Comparisons.Select(c => new[]
                {
                    c.MethodA,
                    c.MethodB,
                    c.Axis == ComparisonAxis.Epoch ? Invariant($"epoch {c.At}") : Invariant($"update {c.At}"),
                    Number(c.Interval.Mean),
                    $"[{Number(c.Interval.Lower)}, {Number(c.Interval.Upper)}]",
                    Number(c.MedianDifference),
                    Percent(c.ShareABetter),
                }),
                textColumns: 2).Write(output);
        }

        if (statistics.Skipped.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("comparison points skipped:");
        foreach (var skipped in statistics.Skipped)
        {
            output.WriteLine($"  {skipped.Message}");
        }
    }

    /// <summary>The one-line description of the experiment printed above the table.</summary>
    public static string Describe(ExperimentSpec spec, ProblemAnalysis? analysis, int samples)
    {
        var rng = spec.Randomness == RandomnessMode.Notebook ? "notebook" : "independent";
        var text = Invariant($"{spec.Name}: seed {spec.Seed}, {rng} randomness, {samples} samples, degree {spec.Degree}, {spec.Training.Epochs} epochs, {spec.Methods.Count} methods");
        return analysis is null ? text : text + Invariant($"; GD is stable below lr {Number(analysis.StabilityBound)}");
    }

    /// <summary>The table the sweep and merge commands print: one row per cell with its outcome across replicates.</summary>
    public static void WriteSweep(IReadOnlyList<SweepCellSummary> cells, TextWriter output)
    {
        string[] header = ["optimizer", "sampler", "batch", "lr", "runs", "diverged", "reached", "excess loss median", "(10%–90%)", "epochs to reach median", "(10%–90%)"];
        var rows = cells.Select(c => (string[])[
            c.Optimizer,
            c.Sampler,
            c.BatchSize,
            Number(c.LearningRate),
            c.Runs.ToString(CultureInfo.InvariantCulture),
            Percent(c.DivergedShare),
            Percent(c.ReachedShare),
            .. Quantiles(c.FinalExcessLoss, Number),
            .. Quantiles(c.EpochsToTolerance, Number),
        ]);

        // Optimizer, sampler and batch size are names; a batch size can be "full".
        ConsoleTable.Of(header, rows, textColumns: 3).Write(output);
    }

    /// <summary>A median and its band as two cells: "m" and "lower–upper".</summary>
    private static string[] Quantiles(QuantileSummary q, Func<double, string> format) => [format(q.Median), $"{format(q.Lower)}–{format(q.Upper)}"];

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>A contraction factor per step: as <see cref="Number"/>, but one that six digits would round to 1 as "1 − gap".</summary>
    /// <remarks>On ill-conditioned data GD's rate is 1 − 10⁻⁹: printed as 1 it would read as no progress at all.</remarks>
    public static string Rate(double rate) =>
        rate < 1 && rate > 0.5 && Number(rate) == "1" ? $"1 − {Number(1 - rate)}" : Number(rate);

    /// <summary>A number as the tables print it: six significant digits, negative zero as 0.</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsInfinity(value) ? (value > 0 ? "inf" : "-inf") : (value == 0 ? 0.0 : value).ToString("G6", CultureInfo.InvariantCulture).Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
