using System.Globalization;
using DescentLab.Io;

namespace DescentLab.Statistics;

/// <summary>Writes replicate statistics as CSV: one row per run, the per-run curves on the grid, the bands, and the comparisons.</summary>
public static class ReplicateCsv
{
    /// <summary>
    /// One row per run (methods in order, then replicates): seed, divergence, final and minimum loss, epochs to
    /// tolerance, final θ, and the excess loss at each comparison epoch and step.
    /// </summary>
    public static void WriteRuns(TextWriter writer, ReplicateStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(statistics);
        var options = statistics.Options;
        var accuracy = statistics.Methods.Any(m => m.HasAccuracy);
        string[] header = [
            "method,replicate,seed,diverged,diverged_at_step," + RunOutcomeCsv.Header,
            .. accuracy ? ["final_accuracy"] : Array.Empty<string>(),
            .. statistics.ParameterNames.Select(name => CsvNumbers.Text("final_" + name)),
            .. options.ComparisonEpochs.Select(epoch => string.Create(CultureInfo.InvariantCulture, $"excess_epoch_{epoch}")),
            .. options.ComparisonSteps.Select(step => string.Create(CultureInfo.InvariantCulture, $"excess_step_{step}")),
        ];
        CsvNumbers.WriteRows(writer, string.Join(',', header), statistics.Methods.SelectMany(method => method.Runs).Select(run => (IEnumerable<string>)[
            CsvNumbers.Text(run.Method),
            run.Replicate.ToString(CultureInfo.InvariantCulture),
            run.Seed.ToString(CultureInfo.InvariantCulture),
            run.Diverged ? "true" : "false",
            CsvNumbers.Format(run.DivergedAtStep),
            .. RunOutcomeCsv.Cells(run.Steps, run.FinalLoss, run.MinimumLoss, run.EpochsToTolerance, run.StepsToTolerance),
            .. accuracy ? [CsvNumbers.Format(run.FinalAccuracy)] : Array.Empty<string>(),
            .. run.FinalParameters.Concat(run.ExcessAtEpochs).Concat(run.ExcessAtSteps).Select(CsvNumbers.Format),
        ]));
    }

    /// <summary>Every run's full-data and excess loss at every grid point, as the bands are computed from them.</summary>
    public static void WriteCurves(TextWriter writer, ReplicateStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(statistics);
        CsvNumbers.WriteRows(writer, "method,replicate,step,epoch,samples,loss,excess_loss", CurveRows(statistics));
    }

    /// <summary>Each method's bands, one row per grid point: step, epoch, samples, then the quantiles of loss and of excess loss.</summary>
    public static void WriteBands(TextWriter writer, ReplicateStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(statistics);
        CsvNumbers.WriteRows(
            writer,
            "method,step,epoch,samples,loss_lower,loss_median,loss_upper,excess_loss_lower,excess_loss_median,excess_loss_upper",
            statistics.Methods.SelectMany(method =>
                Enumerable.Range(0, method.Grid.Count).Select(k => (IEnumerable<string>)[
                    CsvNumbers.Text(method.Name),
                    .. RunOutcomeCsv.GridCells(method.Grid, k),
                    .. new[] { method.Loss, method.ExcessLoss }
                        .SelectMany(band => new[] { band.Lower[k], band.Median[k], band.Upper[k] })
                        .Select(CsvNumbers.Format),
                ])));
    }

    /// <summary>One row per comparison: the pair, the point, the mean paired difference with its interval, the median and A's win share.</summary>
    public static void WriteComparisons(TextWriter writer, ReplicateStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(statistics);
        CsvNumbers.WriteRows(
            writer,
            "method_a,method_b,axis,at,step_a,step_b,replicates,mean_difference,lower,upper,level,resamples,median_difference,share_a_better",
            statistics.Comparisons.Select(c => (IEnumerable<string>)[
                CsvNumbers.Text(c.MethodA),
                CsvNumbers.Text(c.MethodB),
                c.Axis == ComparisonAxis.Epoch ? "epoch" : "step",
                .. new long[] { c.At, c.StepA, c.StepB, c.Replicates }.Select(v => v.ToString(CultureInfo.InvariantCulture)),
                .. new[] { c.Interval.Mean, c.Interval.Lower, c.Interval.Upper, c.Interval.Level }.Select(CsvNumbers.Format),
                c.Interval.Resamples.ToString(CultureInfo.InvariantCulture),
                CsvNumbers.Format(c.MedianDifference),
                CsvNumbers.Format(c.ShareABetter),
            ]));
    }

    private static IEnumerable<IEnumerable<string>> CurveRows(ReplicateStatistics statistics)
    {
        foreach (var method in statistics.Methods)
        {
            var name = CsvNumbers.Text(method.Name);
            for (var r = 0; r < method.Replicates; r++)
            {
                var minimum = method.MinimumLossOf(r);
                for (var k = 0; k < method.Grid.Count; k++)
                {
                    // The loss is a span into the method's store, which an iterator cannot hold across its yields.
                    var loss = method.LossOf(r)[k];
                    yield return [name, r.ToString(CultureInfo.InvariantCulture), .. RunOutcomeCsv.GridCells(method.Grid, k), CsvNumbers.Format(loss), CsvNumbers.Format(loss - minimum)];
                }
            }
        }
    }
}
