using System.Globalization;

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
        writer.Write("method,replicate,seed,diverged,diverged_at_step,steps,final_loss,minimum_loss,final_excess_loss,epochs_to_tolerance,steps_to_tolerance");
        foreach (var name in statistics.ParameterNames)
        {
            writer.Write("," + CsvNumbers.Text("final_" + name));
        }

        foreach (var epoch in options.ComparisonEpochs)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $",excess_epoch_{epoch}"));
        }

        foreach (var step in options.ComparisonSteps)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $",excess_step_{step}"));
        }

        writer.Write('\n');
        foreach (var method in statistics.Methods)
        {
            foreach (var run in method.Runs)
            {
                writer.Write(string.Join(',', [
                    CsvNumbers.Text(run.Method),
                    run.Replicate.ToString(CultureInfo.InvariantCulture),
                    run.Seed.ToString(CultureInfo.InvariantCulture),
                    run.Diverged ? "true" : "false",
                    CsvNumbers.Format(run.DivergedAtStep),
                    run.Steps.ToString(CultureInfo.InvariantCulture),
                    CsvNumbers.Format(run.FinalLoss),
                    CsvNumbers.Format(run.MinimumLoss),
                    CsvNumbers.Format(run.FinalExcessLoss),
                    CsvNumbers.Format(run.EpochsToTolerance),
                    CsvNumbers.Format(run.StepsToTolerance),
                    .. run.FinalParameters.Select(CsvNumbers.Format),
                    .. run.ExcessAtEpochs.Select(CsvNumbers.Format),
                    .. run.ExcessAtSteps.Select(CsvNumbers.Format),
                ]));
                writer.Write('\n');
            }
        }
    }

    /// <summary>Every run's full-data and excess loss at every grid point, as the bands are computed from them.</summary>
    public static void WriteCurves(TextWriter writer, ReplicateStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(statistics);
        writer.Write("method,replicate,step,epoch,samples,loss,excess_loss\n");
        foreach (var method in statistics.Methods)
        {
            var grid = method.Grid;
            var name = CsvNumbers.Text(method.Name);
            for (var r = 0; r < method.Replicates; r++)
            {
                var loss = method.LossOf(r);
                var minimum = method.MinimumLossOf(r);
                for (var k = 0; k < grid.Count; k++)
                {
                    writer.Write(string.Join(',', [
                        name,
                        r.ToString(CultureInfo.InvariantCulture),
                        grid.Step[k].ToString(CultureInfo.InvariantCulture),
                        CsvNumbers.Format(grid.Epoch[k]),
                        grid.Samples[k].ToString(CultureInfo.InvariantCulture),
                        CsvNumbers.Format(loss[k]),
                        CsvNumbers.Format(loss[k] - minimum),
                    ]));
                    writer.Write('\n');
                }
            }
        }
    }

    /// <summary>Each method's bands, one row per grid point: step, epoch, samples, then the quantiles of loss and of excess loss.</summary>
    public static void WriteBands(TextWriter writer, ReplicateStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(statistics);
        writer.Write("method,step,epoch,samples,loss_lower,loss_median,loss_upper,excess_loss_lower,excess_loss_median,excess_loss_upper\n");
        foreach (var method in statistics.Methods)
        {
            var grid = method.Grid;
            var name = CsvNumbers.Text(method.Name);
            for (var k = 0; k < grid.Count; k++)
            {
                writer.Write(string.Join(',', [
                    name,
                    grid.Step[k].ToString(CultureInfo.InvariantCulture),
                    CsvNumbers.Format(grid.Epoch[k]),
                    grid.Samples[k].ToString(CultureInfo.InvariantCulture),
                    CsvNumbers.Format(method.Loss.Lower[k]),
                    CsvNumbers.Format(method.Loss.Median[k]),
                    CsvNumbers.Format(method.Loss.Upper[k]),
                    CsvNumbers.Format(method.ExcessLoss.Lower[k]),
                    CsvNumbers.Format(method.ExcessLoss.Median[k]),
                    CsvNumbers.Format(method.ExcessLoss.Upper[k]),
                ]));
                writer.Write('\n');
            }
        }
    }

    /// <summary>One row per comparison: the pair, the point, the mean paired difference with its interval, the median and A's win share.</summary>
    public static void WriteComparisons(TextWriter writer, ReplicateStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(statistics);
        writer.Write("method_a,method_b,axis,at,step_a,step_b,replicates,mean_difference,lower,upper,level,resamples,median_difference,share_a_better\n");
        foreach (var c in statistics.Comparisons)
        {
            writer.Write(string.Join(',', [
                CsvNumbers.Text(c.MethodA),
                CsvNumbers.Text(c.MethodB),
                c.Axis == ComparisonAxis.Epoch ? "epoch" : "step",
                c.At.ToString(CultureInfo.InvariantCulture),
                c.StepA.ToString(CultureInfo.InvariantCulture),
                c.StepB.ToString(CultureInfo.InvariantCulture),
                c.Replicates.ToString(CultureInfo.InvariantCulture),
                CsvNumbers.Format(c.Interval.Mean),
                CsvNumbers.Format(c.Interval.Lower),
                CsvNumbers.Format(c.Interval.Upper),
                CsvNumbers.Format(c.Interval.Level),
                c.Interval.Resamples.ToString(CultureInfo.InvariantCulture),
                CsvNumbers.Format(c.MedianDifference),
                CsvNumbers.Format(c.ShareABetter),
            ]));
            writer.Write('\n');
        }
    }
}
