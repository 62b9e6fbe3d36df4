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
        }).ToList();
        var widths = header.Select((h, j) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[j].Length))).ToArray();
        output.WriteLine(Line(header, widths));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, j) => j < 3 ? c.PadRight(widths[j]) : c.PadLeft(widths[j]))).TrimEnd();
}
