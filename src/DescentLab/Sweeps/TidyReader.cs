using System.Globalization;
using DescentLab.Data;
using DescentLab.Io;
using DescentLab.Statistics;

namespace DescentLab.Sweeps;

/// <summary>Reads a tidy file's rows by header name, strictly: every cell in the form the writer writes, every row consistent in itself.</summary>
internal sealed class TidyReader
{
    private readonly CsvReader _csv;
    private readonly int _cell;
    private readonly int _replicate;
    private readonly int _seed;
    private readonly int[] _settings;
    private readonly int[] _outcome;
    private readonly int _diverged;
    private readonly int _divergedAt;

    public TidyReader(TextReader text, string sourceName)
    {
        _csv = new CsvReader(text, sourceName);
        _cell = _csv.ColumnOf("cell");
        _replicate = _csv.ColumnOf("replicate");
        _seed = _csv.ColumnOf("seed");
        _settings = CellSettings.Columns(_csv);
        _outcome = [.. RunOutcomeCsv.Header.Split(',').Select(_csv.ColumnOf)];
        _diverged = _csv.ColumnOf("diverged");
        _divergedAt = _csv.ColumnOf("diverged_at_step");
        var names = SweepCsv.TidyHeader.Split(',');
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

        var row = new TidyRow(
            (int)_csv.WholeNumber(_cell, 0, int.MaxValue),
            (int)_csv.WholeNumber(_replicate, 0, int.MaxValue),
            (uint)_csv.WholeNumber(_seed, 0, uint.MaxValue),
            CellSettings.Read(_csv, _settings),
            _csv.WholeNumber(_outcome[0]),
            _csv.Number(_outcome[1]),
            _csv.Number(_outcome[2]),
            _csv.Number(_outcome[3]),
            _csv.OptionalNumber(_outcome[4]),
            _csv.OptionalWholeNumber(_outcome[5]),
            _csv.TrueOrFalse(_diverged),
            _csv.OptionalWholeNumber(_divergedAt));

        // Cells derived from others must agree with them: an edit to one alone is caught here, with its place.
        var excess = row.FinalLoss - row.MinimumLoss;
        if (!row.FinalExcessLoss.Equals(excess))
        {
            throw _csv.Error(_outcome[3], $"{CsvNumbers.Format(row.FinalExcessLoss)} is not final_loss − minimum_loss ({CsvNumbers.Format(excess)}).");
        }

        if (row.Diverged != row.DivergedAtStep.HasValue)
        {
            throw _csv.Error(_diverged, row.Diverged ? "true, but diverged_at_step is empty." : "false, but diverged_at_step gives a step.");
        }

        if (row.EpochsToTolerance.HasValue != row.StepsToTolerance.HasValue)
        {
            throw _csv.Error(_outcome[5], "epochs_to_tolerance and steps_to_tolerance must be both empty (never reached) or both given.");
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
            throw _csv.Error(_cell, Invariant($"cell {row.Cell} is not in the sweep, which has {cells.Count} cells (0 to {cells.Count - 1})."));
        }

        if (row.Replicate >= replicates)
        {
            throw _csv.Error(_replicate, Invariant($"replicate {row.Replicate} is not in the sweep, which has {replicates} replicates (0 to {replicates - 1})."));
        }

        var run = ((long)row.Cell * replicates) + row.Replicate;
        if (!shard.Contains(run))
        {
            throw _csv.Error(_cell, Invariant($"cell {row.Cell}, replicate {row.Replicate} is run {run}, which belongs to shard {run % shard.Count}/{shard.Count}, not to this shard {shard}."));
        }

        if (seen[run] is not null)
        {
            throw _csv.Error(_cell, Invariant($"cell {row.Cell}, replicate {row.Replicate} appears twice."));
        }

        var seed = (uint)(spec.Base.Seed + row.Replicate);
        if (row.Seed != seed)
        {
            throw _csv.Error(_seed, Invariant($"{row.Seed} is not replicate {row.Replicate}'s seed {seed} (the sweep's seed {spec.Base.Seed} + {row.Replicate})."));
        }

        var expected = SweepCsv.Settings(cells[row.Cell]);
        var found = row.Settings;
        Same(0, found.Optimizer, expected.Optimizer, "optimizer", row.Cell);
        Same(1, found.Sampler, expected.Sampler, "sampler", row.Cell);
        Same(2, found.BatchSize, expected.BatchSize, "batch size", row.Cell);
        Same(3, CsvNumbers.Format(found.LearningRate), CsvNumbers.Format(expected.LearningRate), "learning rate", row.Cell);
        Same(4, found.Method, expected.Method, "method", row.Cell);
        return run;
    }

    private void Same(int column, string found, string expected, string what, int cell)
    {
        if (!string.Equals(found, expected, StringComparison.Ordinal))
        {
            throw _csv.Error(_settings[column], Invariant($"'{MessageText.Excerpt(found)}' is not the {what} of cell {cell}, which the sweep enumerates as '{MessageText.Excerpt(expected)}'."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
