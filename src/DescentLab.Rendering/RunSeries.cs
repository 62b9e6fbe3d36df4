using DescentLab.Experiments;

namespace DescentLab.Rendering;

/// <summary>What the figures draw of one run: its thinned columns on the chosen x-axis and plane, and its marks.</summary>
internal sealed class RunSeries
{
    public required RunResult Run { get; init; }

    public string Name => Run.Method.Name;

    /// <summary>The index of the run, which picks its colour.</summary>
    public required int Index { get; init; }

    /// <summary>The trajectory rows drawn, increasing, first and last included.</summary>
    public required int[] Rows { get; init; }

    /// <summary>Progress on the chosen x-axis at each drawn row.</summary>
    public required double[] Progress { get; init; }

    /// <summary>Epochs at each drawn row, which the replay slider moves along.</summary>
    public required double[] Epochs { get; init; }

    /// <summary>Updates taken at each drawn row.</summary>
    public required double[] Steps { get; init; }

    /// <summary>Samples processed at each drawn row.</summary>
    public required double[] SamplesSeen { get; init; }

    /// <summary>Progress at every drawn row on x-axis <paramref name="axis"/>.</summary>
    public double[] ProgressOn(XAxis axis) => axis switch
    {
        XAxis.Steps => Steps,
        XAxis.Samples => SamplesSeen,
        _ => Epochs,
    };

    /// <summary>Batch loss at each drawn row (NaN at row 0).</summary>
    public required double[] BatchLoss { get; set; }

    /// <summary>Full-data loss at each drawn row.</summary>
    public required double[] Loss { get; set; }

    /// <summary>L − L* at each drawn row.</summary>
    public required double[] ExcessLoss { get; set; }

    /// <summary>The plane's x parameter at each drawn row.</summary>
    public required double[] PlaneX { get; init; }

    /// <summary>The plane's y parameter at each drawn row.</summary>
    public required double[] PlaneY { get; init; }

    /// <summary>The trajectory rows at the marked epochs, with the epoch each marks.</summary>
    public required IReadOnlyList<(int Row, double Epoch)> Marks { get; init; }

    /// <summary>θ at the last row.</summary>
    public required double[] Final { get; init; }

    /// <summary>Whether the run was stopped as diverged.</summary>
    public bool Diverged => Run.Trajectory.Diverged;

    /// <summary>The path as drawn: the plane's x up to where it leaves the landscape's frame, then the point where it crosses the edge.</summary>
    public double[] PathX { get; set; } = [];

    /// <summary>The plane's y of <see cref="PathX"/>.</summary>
    public double[] PathY { get; set; } = [];

    /// <summary>The epoch of each drawn path point (the exit point takes the epoch of the first point outside).</summary>
    public double[] PathEpochs { get; set; } = [];

    /// <summary>The trajectory row of each drawn path point.</summary>
    public int[] PathRows { get; set; } = [];

    /// <summary>The full-data loss of each drawn path point, capped at the figures' loss ceiling.</summary>
    public double[] PathLoss { get; set; } = [];

    /// <summary>Whether the path leaves the frame (and was cut where it crosses the edge).</summary>
    public bool LeavesFrame { get; set; }

    /// <summary>Where a diverged run's loss curve ends as drawn (drawn row and loss): where it crosses the ceiling, or its last point; null if it did not diverge.</summary>
    public (int Index, double Loss)? LossEnd { get; set; }

    /// <summary>The same for the excess-loss curve.</summary>
    public (int Index, double Loss)? ExcessEnd { get; set; }

    /// <summary>The values of <paramref name="column"/> at <paramref name="rows"/>.</summary>
    public static double[] Take(ReadOnlySpan<double> column, int[] rows)
    {
        var values = new double[rows.Length];
        for (var k = 0; k < rows.Length; k++)
        {
            values[k] = column[rows[k]];
        }

        return values;
    }

    /// <summary>The values of <paramref name="column"/> at <paramref name="rows"/>, as doubles.</summary>
    public static double[] Take(ReadOnlySpan<long> column, int[] rows)
    {
        var values = new double[rows.Length];
        for (var k = 0; k < rows.Length; k++)
        {
            values[k] = column[rows[k]];
        }

        return values;
    }
}
