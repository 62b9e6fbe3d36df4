using System.Globalization;
using System.Text;
using DescentLab.Data;
using DescentLab.Io;
using DescentLab.Sampling;
using DescentLab.Statistics;

namespace DescentLab.Sweeps;

/// <summary>
/// The sweep's CSV files: the tidy file (one row per run, in canonical order: cell, then replicate), the per-cell
/// summary computed from the tidy text alone, and the strict merge of shards' tidy files.
/// </summary>
/// <remarks>
/// Numbers are written in round-trip form and read back only in that form (<see cref="CsvReader.Number"/>), so the
/// summary of a merged tidy file is the summary of the unsharded one, and the merge of every shard, rewritten from what
/// was read, is the unsharded file byte for byte.
/// </remarks>
public static class SweepCsv
{
    /// <summary>The tidy file's header.</summary>
    public const string TidyHeader = "cell,replicate,seed," + CellSettings.Header + "," + RunOutcomeCsv.Header + ",diverged,diverged_at_step";

    /// <summary>The summary file's header.</summary>
    public const string SummaryHeader = "cell," + CellSettings.Header + ",runs,diverged_share,reached_share,final_excess_loss_q10,final_excess_loss_median,final_excess_loss_q90,epochs_to_tolerance_q10,epochs_to_tolerance_median,epochs_to_tolerance_q90";

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
        return Write(rows.Select(r => new TidyRow(
            r.Cell.Index, r.Replicate, r.Seed, Settings(r.Cell), r.Steps, r.FinalLoss, r.MinimumLoss, r.FinalExcessLoss,
            r.EpochsToTolerance, r.StepsToTolerance, r.DivergedAtStep.HasValue, r.DivergedAtStep)));
    }

    /// <summary>
    /// One row per cell, from a tidy file's text: runs, share diverged, share that reached the tolerance, and the 10/50/90%
    /// quantiles (NumPy's linear method) of final excess loss and of epochs to tolerance (+∞ for diverged runs and
    /// runs that never reach it).
    /// </summary>
    /// <exception cref="DataFormatException">The text is not a tidy file; the message names the line and the column.</exception>
    public static string Summary(string tidy)
    {
        ArgumentNullException.ThrowIfNull(tidy);
        var reader = new TidyReader(new StringReader(tidy), "tidy.csv");
        var rows = new List<TidyRow>();
        while (reader.Read() is { } row)
        {
            rows.Add(row);
        }

        var text = new StringBuilder(SummaryHeader).Append('\n');
        foreach (var group in rows.GroupBy(r => r.Cell).OrderBy(g => g.Key))
        {
            var runs = group.ToArray();
            var first = runs[0];
            var excess = runs.Select(r => r.FinalExcessLoss).ToArray();
            var epochs = runs.Select(r => r.EpochsToTolerance ?? double.PositiveInfinity).ToArray();
            var diverged = runs.Count(r => r.Diverged);
            var reached = runs.Count(r => r.EpochsToTolerance.HasValue);
            var e = QuantileSummary.Of(excess, 0.1, 0.9);
            var t = QuantileSummary.Of(epochs, 0.1, 0.9);
            text.AppendJoin(',', [
                first.Cell.ToString(CultureInfo.InvariantCulture),
                .. first.Settings.Cells(),
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
    /// The tidy file of the whole sweep <paramref name="spec"/> from the tidy files of its shards, checked row by row:
    /// every cell parsed strictly, every row's settings and seed those of the cell the sweep enumerates for it, every
    /// run in the shard that owns it, every run of the sweep once. The result is written afresh from what was read.
    /// </summary>
    /// <param name="spec">The sweep the shards were cut from.</param>
    /// <param name="shards">The shards' tidy files, in any order, each with the slice it claims to be.</param>
    /// <exception cref="DataFormatException">A row is malformed or disagrees with the sweep; the message names the file, line and column.</exception>
    /// <exception cref="InvalidDataException">The shards do not make up the sweep (one missing, one twice, different shardings).</exception>
    public static string Merge(SweepSpec spec, IEnumerable<ShardTidy> shards)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(shards);
        var given = shards.ToArray();
        if (given.Length == 0)
        {
            throw new ArgumentException("merge: no shards given.", nameof(shards));
        }

        var count = given[0].Shard.Count;
        var owner = new ShardTidy?[count];
        foreach (var shard in given)
        {
            if (shard.Shard.Count != count)
            {
                throw new InvalidDataException($"merge: {shard.SourceName} is shard {shard.Shard} but {given[0].SourceName} is shard {given[0].Shard}: they are slices of different shardings.");
            }

            if (owner[shard.Shard.Index] is { } other)
            {
                throw new InvalidDataException($"merge: {other.SourceName} and {shard.SourceName} are both shard {shard.Shard}: every run of it appears in more than one shard.");
            }

            owner[shard.Shard.Index] = shard;
        }

        var cells = spec.Cells();
        var replicates = spec.Base.Replicates;
        var total = (long)cells.Count * replicates;
        var rows = new TidyRow?[total];
        foreach (var shard in given)
        {
            var reader = new TidyReader(new StringReader(shard.Text), shard.SourceName);
            while (reader.Read() is { } row)
            {
                rows[reader.CheckAgainst(row, spec, cells, shard.Shard, rows)] = row;
            }
        }

        var held = rows.Count(r => r is not null);
        if (Array.FindIndex(owner, o => o is null) is var absent and >= 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"merge: the shards hold {held} runs; the sweep has {total}: is a shard left out? Shard {absent}/{count} is not among them."));
        }

        if (Array.FindIndex(rows, r => r is null) is var gap and >= 0)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"merge: {owner[gap % count]!.SourceName}: cell {gap / replicates}, replicate {gap % replicates} is missing (run {gap} belongs to shard {gap % count}/{count}); the shards hold {held} of the sweep's {total} runs."));
        }

        return Write(rows!);
    }

    /// <summary>Reads a summary file's text (as <see cref="Summary"/> writes it) back into rows.</summary>
    /// <exception cref="DataFormatException">The text is not a summary file; the message names the line and the column.</exception>
    public static IReadOnlyList<SweepCellSummary> ReadSummary(string summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var csv = new CsvReader(new StringReader(summary), "summary.csv");
        var cell = csv.ColumnOf("cell");
        var settings = CellSettings.Columns(csv);
        var runs = csv.ColumnOf("runs");
        var names = SummaryHeader.Split(',');
        var numbers = names[(Array.IndexOf(names, "runs") + 1)..].Select(csv.ColumnOf).ToArray();
        var cells = new List<SweepCellSummary>();
        while (csv.Read())
        {
            var s = CellSettings.Read(csv, settings);
            var v = numbers.Select(csv.Number).ToArray();
            cells.Add(new SweepCellSummary(
                (int)csv.WholeNumber(cell, 0, int.MaxValue),
                s.Optimizer,
                s.Sampler,
                s.BatchSize,
                s.LearningRate,
                s.Method,
                (int)csv.WholeNumber(runs, 1, int.MaxValue),
                v[0],
                v[1],
                new QuantileSummary(v[2], v[3], v[4]),
                new QuantileSummary(v[5], v[6], v[7])));
        }

        return cells;
    }

    /// <summary>The settings of <paramref name="cell"/> as the tidy file holds them.</summary>
    internal static CellSettings Settings(SweepCell cell)
    {
        var sampler = cell.Method.Sampler;
        return new(
            cell.Optimizer.Name,
            SamplerName(sampler.Kind),
            sampler.Kind == SamplerKind.FullBatch ? "full" : sampler.BatchSize.ToString(CultureInfo.InvariantCulture),
            cell.LearningRate,
            cell.Method.Name);
    }

    private static string Write(IEnumerable<TidyRow> rows)
    {
        var text = new StringBuilder(TidyHeader).Append('\n');
        foreach (var row in rows.OrderBy(r => r.Cell).ThenBy(r => r.Replicate))
        {
            text.AppendJoin(',', [
                row.Cell.ToString(CultureInfo.InvariantCulture),
                row.Replicate.ToString(CultureInfo.InvariantCulture),
                row.Seed.ToString(CultureInfo.InvariantCulture),
                .. row.Settings.Cells(),
                .. RunOutcomeCsv.Cells(row.Steps, row.FinalLoss, row.MinimumLoss, row.EpochsToTolerance, row.StepsToTolerance),
                row.Diverged ? "true" : "false",
                CsvNumbers.Format(row.DivergedAtStep),
            ]).Append('\n');
        }

        return text.ToString();
    }
}
