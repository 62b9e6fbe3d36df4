using System.Globalization;
using DescentLab.Data;
using DescentLab.Io;
using DescentLab.Statistics;

namespace DescentLab.Sweeps;

/// <summary>Reads a tidy file's rows by header name, strictly: every cell in the form the writer writes, every row consistent in itself.</summary>
internal sealed class TidyReader
{
    private readonly CsvReader _csv;
    private readonly int[] _c;

    public TidyReader(TextReader text, string sourceName)
    {
        _csv = new CsvReader(text, sourceName);
        var names = SweepCsv.TidyHeader.Split(',');
        _c = [.. names.Select(_csv.ColumnOf)];
        if (_csv.Header.FirstOrDefault(h => !names.Contains(h, StringComparer.Ordinal)) is { } extra)
        {
            throw new DataFormatException(sourceName, 1, extra, "not a column of a tidy file.");
        }
    }

    /// <summary>The next row, or null at the end.</summary>
    /// <exception cref="DataFormatException">A cell is malformed, or the row contradicts itself.</exception>
    public TidyRow? Read()
    {
        if (!_csv.Read())
        {
            return null;
        }

        var finalLoss = _csv.Number(_c[9]);
        var minimumLoss = _csv.Number(_c[10]);
        var row = new TidyRow(
            (int)_csv.WholeNumber(_c[0], 0, int.MaxValue),
            (int)_csv.WholeNumber(_c[1], 0, int.MaxValue),
            (uint)_csv.WholeNumber(_c[2], 0, uint.MaxValue),
            _csv.Text(_c[3]),
            _csv.Text(_c[4]),
            _csv.Text(_c[5]),
            _csv.Number(_c[6]),
            _csv.Text(_c[7]),
            _csv.WholeNumber(_c[8]),
            finalLoss,
            minimumLoss,
            _csv.Number(_c[11]),
            _csv.OptionalNumber(_c[12]),
            _csv.OptionalWholeNumber(_c[13]),
            _csv.TrueOrFalse(_c[14]),
            _csv.OptionalWholeNumber(_c[15]));

        // Cells derived from others must agree with them: an edit to one alone is caught here, with its place.
        if (!row.FinalExcessLoss.Equals(finalLoss - minimumLoss))
        {
            throw _csv.Error(_c[11], $"{CsvNumbers.Format(row.FinalExcessLoss)} is not final_loss − minimum_loss ({CsvNumbers.Format(finalLoss - minimumLoss)}).");
        }

        if (row.Diverged != row.DivergedAtStep.HasValue)
        {
            throw _csv.Error(_c[14], row.Diverged ? "true, but diverged_at_step is empty." : "false, but diverged_at_step gives a step.");
        }

        if (row.EpochsToTolerance.HasValue != row.StepsToTolerance.HasValue)
        {
            throw _csv.Error(_c[13], "epochs_to_tolerance and steps_to_tolerance must be both empty (never reached) or both given.");
        }

        return row;
    }

    /// <summary>
    /// Checks the row just read against the cell <paramref name="spec"/> enumerates for it and against the shard that
    /// holds it; returns its run number (cell × replicates + replicate).
    /// </summary>
    /// <exception cref="DataFormatException">The row does not belong here; the message names its line and column.</exception>
    public long CheckAgainst(TidyRow row, SweepSpec spec, IReadOnlyList<SweepCell> cells, Shard shard, TidyRow?[] seen)
    {
        var replicates = spec.Base.Replicates;
        if (row.Cell >= cells.Count)
        {
            throw _csv.Error(_c[0], Invariant($"cell {row.Cell} is not in the sweep, which has {cells.Count} cells (0 to {cells.Count - 1})."));
        }

        if (row.Replicate >= replicates)
        {
            throw _csv.Error(_c[1], Invariant($"replicate {row.Replicate} is not in the sweep, which has {replicates} replicates (0 to {replicates - 1})."));
        }

        var run = ((long)row.Cell * replicates) + row.Replicate;
        if (!shard.Contains(run))
        {
            throw _csv.Error(_c[0], Invariant($"cell {row.Cell}, replicate {row.Replicate} is run {run}, which belongs to shard {run % shard.Count}/{shard.Count}, not to this shard {shard}."));
        }

        if (seen[run] is not null)
        {
            throw _csv.Error(_c[0], Invariant($"cell {row.Cell}, replicate {row.Replicate} appears twice."));
        }

        var seed = (uint)(spec.Base.Seed + row.Replicate);
        if (row.Seed != seed)
        {
            throw _csv.Error(_c[2], Invariant($"{row.Seed} is not replicate {row.Replicate}'s seed {seed} (the sweep's seed {spec.Base.Seed} + {row.Replicate})."));
        }

        var cell = cells[row.Cell];
        var (optimizer, sampler, batchSize, lr, method) = SweepCsv.Settings(cell);
        Same(3, row.Optimizer, optimizer, "optimizer", row.Cell);
        Same(4, row.Sampler, sampler, "sampler", row.Cell);
        Same(5, row.BatchSize, batchSize, "batch size", row.Cell);
        Same(6, CsvNumbers.Format(row.LearningRate), CsvNumbers.Format(lr), "learning rate", row.Cell);
        Same(7, row.Method, method, "method", row.Cell);
        return run;
    }

    private void Same(int column, string found, string expected, string what, int cell)
    {
        if (!string.Equals(found, expected, StringComparison.Ordinal))
        {
            throw _csv.Error(_c[column], Invariant($"'{MessageText.Excerpt(found)}' is not the {what} of cell {cell}, which the sweep enumerates as '{MessageText.Excerpt(expected)}'."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
