using System.Globalization;
using DescentLab.Models;
using DescentLab.Sweeps;

namespace DescentLab.Rendering;

/// <summary>One heatmap of a sweep: a quantity per cell over learning rate (columns) × batch size (rows), for one optimizer and sampler.</summary>
/// <param name="Name">The file name without extension, e.g. heatmap-epochs or heatmap-excess-adam-reshuffle.</param>
/// <param name="Title">The figure's title.</param>
/// <param name="Quantity">What the colour shows.</param>
/// <param name="LearningRates">The columns, ascending.</param>
/// <param name="BatchSizes">The rows, as written in summary.csv, ascending ("full" last).</param>
/// <param name="Values">Row-major values (row = batch size); NaN where not reached or not run.</param>
/// <param name="Log">Whether the colour scale is log10 of the value.</param>
/// <param name="DivergedShares">Row-major share of each cell's runs that diverged (NaN where not run).</param>
internal sealed record SweepHeatmap(string Name, string Title, string Quantity, double[] LearningRates, string[] BatchSizes, double[] Values, bool Log, double[] DivergedShares)
{
    /// <summary>
    /// Whether cell (<paramref name="row"/>, <paramref name="column"/>) is drawn as diverged (hatched, no colour, no number):
    /// when at least half its runs diverged, so that its median is a diverged run's.
    /// </summary>
    public bool IsDiverged(int row, int column) => DivergedShares[(row * LearningRates.Length) + column] >= 0.5;

    /// <summary>The share of cell (<paramref name="row"/>, <paramref name="column"/>)'s runs that diverged.</summary>
    public double DivergedShare(int row, int column) => DivergedShares[(row * LearningRates.Length) + column];

    /// <summary>
    /// The cell's label: its value, "diverged 90%" for a diverged cell, with the diverged share appended when some but
    /// fewer than half of the runs diverged.
    /// </summary>
    public string Label(int row, int column)
    {
        var share = DivergedShare(row, column);
        var percent = (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
        if (IsDiverged(row, column))
        {
            return "diverged " + percent;
        }

        var v = At(row, column);
        // +∞ epochs: the median run never reached the optimum.
        var text = double.IsFinite(v) ? Number(v) : double.IsPositiveInfinity(v) && !Log ? "never" : "—";
        return share > 0 ? $"{text} ({percent} div.)" : text;
    }

    /// <summary>The value drawn in colour: NaN for a diverged cell, whose median is a blown-up run.</summary>
    public double Shown(int row, int column) => IsDiverged(row, column) ? double.NaN : At(row, column);

    /// <summary>
    /// The excess loss of a sweep of <paramref name="model"/> in symbols: L − L* for the linear model; for logistic
    /// regression L − L* with Newton's L*, but L − L_ref for a replicate whose data is separable (no finite θ*); L − L_ref
    /// (full-batch L-BFGS from the replicate's shared init) for softmax regression and MLPs.
    /// </summary>
    public static string ExcessName(ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return $"L − {model.MinimumName}" + (model.Kind == ModelKind.Logistic ? " (L_ref if separable)" : string.Empty);
    }

    /// <summary>The two heatmaps (median epochs to tolerance, median final excess loss) of every optimizer × sampler of the summary of a sweep of <paramref name="model"/>.</summary>
    public static IReadOnlyList<SweepHeatmap> Of(string sweepName, IReadOnlyList<SweepCellSummary> cells, ModelSpec model)
    {
        var groups = cells.GroupBy(c => (c.Optimizer, c.Sampler)).ToArray();
        var maps = new List<SweepHeatmap>();
        var many = groups.Length > 1;
        foreach (var group in groups)
        {
            var lrs = group.Select(c => c.LearningRate).Distinct().Order().ToArray();
            var sizes = group.Select(c => c.BatchSize).Distinct()
                .OrderBy(b => int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue).ToArray();
            var suffix = many ? "-" + FileName($"{group.Key.Optimizer}-{group.Key.Sampler}") : string.Empty;
            var what = $"{group.Key.Optimizer}, {group.Key.Sampler}";
            var tolerance = Grid(group, lrs, sizes, c => c.EpochsToTolerance.Median);
            var excess = Grid(group, lrs, sizes, c => c.FinalExcessLoss.Median);
            var diverged = Grid(group, lrs, sizes, c => c.DivergedShare);
            maps.Add(new SweepHeatmap("heatmap-epochs" + suffix, $"{sweepName}: median epochs to reach ({what})", "median epochs to reach", lrs, sizes, tolerance, Log: false, diverged));
            maps.Add(new SweepHeatmap("heatmap-excess" + suffix, $"{sweepName}: median final excess loss ({what})", "median final excess loss " + ExcessName(model), lrs, sizes, excess, Log: true, diverged));
        }

        return maps;
    }

    /// <summary>The value at row <paramref name="row"/>, column <paramref name="column"/>.</summary>
    public double At(int row, int column) => Values[(row * LearningRates.Length) + column];

    /// <summary>The value as the colour scale sees it (log10 for a log scale; NaN where there is nothing to show).</summary>
    public double Scaled(double value) => !double.IsFinite(value) ? double.NaN : Log ? (value > 0 ? Math.Log10(value) : double.NaN) : value;

    /// <summary>A value as a label: 4 significant digits, ∞ for +∞ (a tolerance never reached), — for NaN.</summary>
    public static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "∞" : double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture).Replace("E-0", "e-", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal).Replace("E+0", "e", StringComparison.Ordinal).Replace("E+", "e", StringComparison.Ordinal) : "—";

    private static double[] Grid(IEnumerable<SweepCellSummary> group, double[] lrs, string[] sizes, Func<SweepCellSummary, double> value)
    {
        var grid = new double[lrs.Length * sizes.Length];
        Array.Fill(grid, double.NaN);
        foreach (var cell in group)
        {
            grid[(Array.IndexOf(sizes, cell.BatchSize) * lrs.Length) + Array.IndexOf(lrs, cell.LearningRate)] = value(cell);
        }

        return grid;
    }

    private static string FileName(string text) => string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
