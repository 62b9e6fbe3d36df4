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

    /// <summary>Batch loss at each drawn row (NaN at row 0).</summary>
    public required double[] BatchLoss { get; init; }

    /// <summary>Full-data loss at each drawn row.</summary>
    public required double[] Loss { get; init; }

    /// <summary>L − L* at each drawn row.</summary>
    public required double[] ExcessLoss { get; init; }

    /// <summary>The plane's x parameter at each drawn row.</summary>
    public required double[] PlaneX { get; init; }

    /// <summary>The plane's y parameter at each drawn row.</summary>
    public required double[] PlaneY { get; init; }

    /// <summary>The trajectory rows at the marked epochs, with the epoch each marks.</summary>
    public required IReadOnlyList<(int Row, double Epoch)> Marks { get; init; }

    /// <summary>θ at the last row.</summary>
    public required double[] Final { get; init; }
}
