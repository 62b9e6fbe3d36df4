using System.Globalization;
using DescentLab.Sweeps;

namespace DescentLab.Cli;

/// <summary>The table the sweep and merge commands print: one row per cell with its outcome across replicates.</summary>
internal static class SweepTable
{
    public static void Write(IReadOnlyList<SweepCellSummary> cells, TextWriter output)
    {
        string[] header = ["optimizer", "sampler", "batch", "lr", "runs", "diverged", "reached", "excess loss median", "(10%–90%)", "epochs to reach median", "(10%–90%)"];
        var rows = cells.Select(c => new[]
        {
            c.Optimizer,
            c.Sampler,
            c.BatchSize,
            ResultsTable.Number(c.LearningRate),
            c.Runs.ToString(CultureInfo.InvariantCulture),
            Percent(c.DivergedShare),
            Percent(c.ReachedShare),
            ResultsTable.Number(c.FinalExcessLoss.Median),
            $"{ResultsTable.Number(c.FinalExcessLoss.Lower)}–{ResultsTable.Number(c.FinalExcessLoss.Upper)}",
            ResultsTable.Number(c.EpochsToTolerance.Median),
            $"{ResultsTable.Number(c.EpochsToTolerance.Lower)}–{ResultsTable.Number(c.EpochsToTolerance.Upper)}",
        });
        var table = new ConsoleTable();
        for (var j = 0; j < header.Length; j++)
        {
            // Optimizer, sampler and batch size are names; a batch size can be "full".
            table.Column(header[j], text: j < 3);
        }

        foreach (var row in rows)
        {
            table.Row(row);
        }

        table.Write(output);
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
