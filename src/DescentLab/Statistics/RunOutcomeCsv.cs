using System.Globalization;
using DescentLab.Io;

namespace DescentLab.Statistics;

/// <summary>The columns of one run's outcome, as replicates/runs.csv and a sweep's tidy.csv both hold them.</summary>
internal static class RunOutcomeCsv
{
    /// <summary>The outcome columns' names.</summary>
    public const string Header = "steps,final_loss,minimum_loss,final_excess_loss,epochs_to_tolerance,steps_to_tolerance";

    /// <summary>The outcome's cells: steps, final and minimum loss, their difference, epochs and steps to tolerance (empty for never).</summary>
    public static string[] Cells(long steps, double finalLoss, double minimumLoss, double? epochsToTolerance, long? stepsToTolerance) =>
    [
        steps.ToString(CultureInfo.InvariantCulture),
        CsvNumbers.Format(finalLoss),
        CsvNumbers.Format(minimumLoss),
        CsvNumbers.Format(finalLoss - minimumLoss),
        CsvNumbers.Format(epochsToTolerance),
        CsvNumbers.Format(stepsToTolerance),
    ];

    /// <summary>A grid point's cells: step, epoch and samples.</summary>
    public static string[] GridCells(ReplicateGrid grid, int k) =>
    [
        grid.Step[k].ToString(CultureInfo.InvariantCulture),
        CsvNumbers.Format(grid.Epoch[k]),
        grid.Samples[k].ToString(CultureInfo.InvariantCulture),
    ];
}
