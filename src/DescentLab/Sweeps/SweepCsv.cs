using System.Globalization;
using System.Text;
using DescentLab.Sampling;
using DescentLab.Statistics;

namespace DescentLab.Sweeps;

/// <summary>
/// The sweep's CSV files: the tidy file (one row per run, in canonical order: cell, then replicate), the per-cell
/// summary computed from the tidy text alone, and the merge of shards' tidy files.
/// </summary>
/// <remarks>
/// Numbers are written in round-trip form, so the summary of a merged tidy file is the summary of the unsharded one, and
/// merging sorts whole lines without rewriting them: the merge of every shard is the unsharded file byte for byte.
/// </remarks>
public static class SweepCsv
{
    /// <summary>The tidy file's header.</summary>
    public const string TidyHeader = "cell,replicate,seed,optimizer,sampler,batch_size,lr,method,steps,final_loss,minimum_loss,final_excess_loss,epochs_to_tolerance,steps_to_tolerance,diverged,diverged_at_step";

    /// <summary>The summary file's header.</summary>
    public const string SummaryHeader = "cell,optimizer,sampler,batch_size,lr,method,runs,diverged_share,reached_share,final_excess_loss_q10,final_excess_loss_median,final_excess_loss_q90,epochs_to_tolerance_q10,epochs_to_tolerance_median,epochs_to_tolerance_q90";

    private const int SettingsFrom = 3;
    private const int SettingsTo = 7;

    /// <summary>The sampler's name as the design's vocabulary spells it (full-batch, sequential, reshuffle, shuffle-once, with-replacement).</summary>
    public static string SamplerName(SamplerKind kind) => kind switch
    {
        SamplerKind.FullBatch => "full-batch",
        SamplerKind.Sequential => "sequential",
        SamplerKind.Reshuffle => "reshuffle",
        SamplerKind.ShuffleOnce => "shuffle-once",
        SamplerKind.WithReplacement => "with-replacement",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown sampler."),
    };

    /// <summary>The tidy CSV of <paramref name="rows"/>, sorted by cell then replicate, ending with a line break.</summary>
    public static string Tidy(IEnumerable<SweepRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder(TidyHeader).Append('\n');
        foreach (var row in rows.OrderBy(r => r.Cell.Index).ThenBy(r => r.Replicate))
        {
            var cell = row.Cell;
            var sampler = cell.Method.Sampler;
            text.AppendJoin(',', [
                cell.Index.ToString(CultureInfo.InvariantCulture),
                row.Replicate.ToString(CultureInfo.InvariantCulture),
                row.Seed.ToString(CultureInfo.InvariantCulture),
                CsvNumbers.Text(cell.Optimizer.Name),
                SamplerName(sampler.Kind),
                sampler.Kind == SamplerKind.FullBatch ? "full" : sampler.BatchSize.ToString(CultureInfo.InvariantCulture),
                CsvNumbers.Format(cell.LearningRate),
                CsvNumbers.Text(cell.Method.Name),
                row.Steps.ToString(CultureInfo.InvariantCulture),
                CsvNumbers.Format(row.FinalLoss),
                CsvNumbers.Format(row.MinimumLoss),
                CsvNumbers.Format(row.FinalExcessLoss),
                CsvNumbers.Format(row.EpochsToTolerance),
                CsvNumbers.Format(row.StepsToTolerance),
                row.DivergedAtStep.HasValue ? "true" : "false",
                CsvNumbers.Format(row.DivergedAtStep),
            ]).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// One row per cell, from a tidy file's text: runs, share diverged, share that reached the tolerance, and the 10/50/90%
    /// quantiles (NumPy's linear method) of final excess loss and of epochs to tolerance (+∞ for diverged runs and
    /// runs that never reach it).
    /// </summary>
    public static string Summary(string tidy)
    {
        var (_, lines) = Split(tidy, "tidy");
        var text = new StringBuilder(SummaryHeader).Append('\n');
        foreach (var group in lines.Select(Cells).GroupBy(c => int.Parse(c[0], CultureInfo.InvariantCulture)).OrderBy(g => g.Key))
        {
            var runs = group.ToArray();
            var excess = runs.Select(c => CsvNumbers.Parse(c[11])).ToArray();
            var epochs = runs.Select(c => c[12].Length == 0 ? double.PositiveInfinity : CsvNumbers.Parse(c[12])).ToArray();
            var diverged = runs.Count(c => c[14] == "true");
            var reached = runs.Count(c => c[12].Length != 0);
            var e = QuantileSummary.Of(excess, 0.1, 0.9);
            var t = QuantileSummary.Of(epochs, 0.1, 0.9);
            text.AppendJoin(',', [
                runs[0][0],
                .. runs[0][SettingsFrom..(SettingsTo + 1)].Select(c => CsvNumbers.Text(CsvNumbers.ReadText(c))),
                runs.Length.ToString(CultureInfo.InvariantCulture),
                CsvNumbers.Format(diverged / (double)runs.Length),
                CsvNumbers.Format(reached / (double)runs.Length),
                CsvNumbers.Format(e.Lower),
                CsvNumbers.Format(e.Median),
                CsvNumbers.Format(e.Upper),
                CsvNumbers.Format(t.Lower),
                CsvNumbers.Format(t.Median),
                CsvNumbers.Format(t.Upper),
            ]).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The tidy file of the whole sweep from the tidy files of its shards: same header, lines sorted by cell then
    /// replicate; every (cell, replicate) once, and every cell with the same replicates 0…R−1.
    /// </summary>
    /// <param name="shards">The shards' tidy texts, in any order.</param>
    /// <param name="expectedRuns">
    /// The sweep's run count (<see cref="SweepSpec.RunCount"/>) when known: without it a missing shard that held every
    /// run of the last replicates cannot be told from a sweep with fewer replicates.
    /// </param>
    public static string Merge(IEnumerable<string> shards, long? expectedRuns = null)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var keyed = new List<(int Cell, int Replicate, string Line)>();
        var count = 0;
        foreach (var shard in shards)
        {
            count++;
            var (_, lines) = Split(shard, $"shard {count}");
            foreach (var line in lines)
            {
                var comma = line.IndexOf(',', StringComparison.Ordinal);
                var second = line.IndexOf(',', comma + 1);
                keyed.Add((int.Parse(line.AsSpan(0, comma), CultureInfo.InvariantCulture), int.Parse(line.AsSpan(comma + 1, second - comma - 1), CultureInfo.InvariantCulture), line));
            }
        }

        if (count == 0)
        {
            throw new ArgumentException("merge: no shards given.", nameof(shards));
        }

        keyed.Sort((a, b) => a.Cell != b.Cell ? a.Cell.CompareTo(b.Cell) : a.Replicate.CompareTo(b.Replicate));
        var replicates = keyed.Count == 0 ? 0 : keyed.Max(k => k.Replicate) + 1;
        for (var i = 0; i < keyed.Count; i++)
        {
            var expectedCell = i / replicates;
            var expectedReplicate = i % replicates;
            if (keyed[i].Cell != expectedCell || keyed[i].Replicate != expectedReplicate)
            {
                var duplicate = i > 0 && keyed[i - 1].Cell == keyed[i].Cell && keyed[i - 1].Replicate == keyed[i].Replicate;
                throw new InvalidDataException(duplicate
                    ? $"merge: cell {keyed[i].Cell}, replicate {keyed[i].Replicate} appears in more than one shard."
                    : $"merge: cell {expectedCell}, replicate {expectedReplicate} is missing: is a shard left out?");
            }
        }

        if (expectedRuns is long runs && runs != keyed.Count)
        {
            throw new InvalidDataException($"merge: the shards hold {keyed.Count} runs; the sweep has {runs}: is a shard left out?");
        }

        var text = new StringBuilder(TidyHeader).Append('\n');
        foreach (var k in keyed)
        {
            text.Append(k.Line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads a summary file's text (as <see cref="Summary"/> writes it) back into rows.</summary>
    public static IReadOnlyList<SweepCellSummary> ReadSummary(string summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var lines = summary.Split('\n');
        if (lines[0] != SummaryHeader)
        {
            throw new InvalidDataException($"not a sweep summary file (header '{lines[0]}').");
        }

        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(Cells).Select(c => new SweepCellSummary(
            int.Parse(c[0], CultureInfo.InvariantCulture),
            CsvNumbers.ReadText(c[1]),
            CsvNumbers.ReadText(c[2]),
            c[3],
            CsvNumbers.Parse(c[4]),
            CsvNumbers.ReadText(c[5]),
            int.Parse(c[6], CultureInfo.InvariantCulture),
            CsvNumbers.Parse(c[7]),
            CsvNumbers.Parse(c[8]),
            new QuantileSummary(CsvNumbers.Parse(c[9]), CsvNumbers.Parse(c[10]), CsvNumbers.Parse(c[11])),
            new QuantileSummary(CsvNumbers.Parse(c[12]), CsvNumbers.Parse(c[13]), CsvNumbers.Parse(c[14]))))];
    }

    private static (string Header, string[] Lines) Split(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        if (lines[0] != TidyHeader)
        {
            throw new InvalidDataException($"{what}: not a sweep tidy file (header '{lines[0]}').");
        }

        return (lines[0], [.. lines.Skip(1).Where(l => l.Length > 0)]);
    }

    /// <summary>Splits one CSV line into its cells, undoing RFC 4180 quoting.</summary>
    private static string[] Cells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }
}
