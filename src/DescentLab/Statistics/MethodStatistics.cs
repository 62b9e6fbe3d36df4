namespace DescentLab.Statistics;

/// <summary>
/// One method across replicates: the band of full-data loss and of excess loss on its grid, the distribution of final θ
/// and of epochs to tolerance, and every run's summary.
/// </summary>
public sealed class MethodStatistics
{
    private readonly double[] _loss;
    private readonly double[] _minimumLoss;

    internal MethodStatistics(string name, ReplicateGrid grid, int replicates, double[] loss, double[] minimumLoss, RunSummary[] runs, StatisticsOptions options)
    {
        Name = name;
        Grid = grid;
        Replicates = replicates;
        _loss = loss;
        _minimumLoss = minimumLoss;
        Runs = runs;
        var k = grid.Count;
        var column = new double[replicates];
        var bands = new double[6][];
        for (var b = 0; b < bands.Length; b++)
        {
            bands[b] = new double[k];
        }

        for (var g = 0; g < k; g++)
        {
            for (var r = 0; r < replicates; r++)
            {
                column[r] = loss[(r * k) + g];
            }

            var s = QuantileSummary.Of(column, options.BandLower, options.BandUpper);
            (bands[0][g], bands[1][g], bands[2][g]) = (s.Lower, s.Median, s.Upper);
            for (var r = 0; r < replicates; r++)
            {
                column[r] = loss[(r * k) + g] - minimumLoss[r];
            }

            s = QuantileSummary.Of(column, options.BandLower, options.BandUpper);
            (bands[3][g], bands[4][g], bands[5][g]) = (s.Lower, s.Median, s.Upper);
        }

        Loss = new Band(bands[0], bands[1], bands[2]);
        ExcessLoss = new Band(bands[3], bands[4], bands[5]);

        var converged = runs.Where(run => !run.Diverged).ToArray();
        DivergedCount = runs.Length - converged.Length;
        var parameterCount = runs[0].FinalParameters.Count;
        FinalParameters = converged.Length == 0
            ? [.. Enumerable.Repeat(new QuantileSummary(double.NaN, double.NaN, double.NaN), parameterCount)]
            : [.. Enumerable.Range(0, parameterCount).Select(j => QuantileSummary.Of(converged.Select(run => run.FinalParameters[j]).ToArray(), options.BandLower, options.BandUpper))];
        FinalExcessLoss = QuantileSummary.Of(runs.Select(run => run.FinalExcessLoss).ToArray(), options.BandLower, options.BandUpper);
        EpochsToTolerance = QuantileSummary.Of(runs.Select(run => run.EpochsToTolerance ?? double.PositiveInfinity).ToArray(), options.BandLower, options.BandUpper);
        ReachedTolerance = runs.Count(run => run.EpochsToTolerance.HasValue) / (double)runs.Length;
        var accuracies = converged.Select(run => run.FinalAccuracy).Where(double.IsFinite).ToArray();
        HasAccuracy = runs.Any(run => !double.IsNaN(run.FinalAccuracy));
        FinalAccuracy = accuracies.Length == 0
            ? new QuantileSummary(double.NaN, double.NaN, double.NaN)
            : QuantileSummary.Of(accuracies, options.BandLower, options.BandUpper);
    }

    /// <summary>The method's name.</summary>
    public string Name { get; }

    /// <summary>The record points: steps, epochs and samples.</summary>
    public ReplicateGrid Grid { get; }

    /// <summary>The number of replicates.</summary>
    public int Replicates { get; }

    /// <summary>The band of full-data loss per grid point.</summary>
    public Band Loss { get; }

    /// <summary>The band of excess loss L(θ) − L* per grid point, each replicate against its own L*.</summary>
    public Band ExcessLoss { get; }

    /// <summary>The distribution of each final parameter, over the runs that did not diverge (NaN if none).</summary>
    public IReadOnlyList<QuantileSummary> FinalParameters { get; }

    /// <summary>The distribution of the final excess loss (+∞ for diverged runs).</summary>
    public QuantileSummary FinalExcessLoss { get; }

    /// <summary>The distribution of epochs to tolerance, a run that never gets there counting as +∞.</summary>
    public QuantileSummary EpochsToTolerance { get; }

    /// <summary>Whether the runs are a classifier's, with an accuracy each.</summary>
    public bool HasAccuracy { get; }

    /// <summary>For a classifier, the distribution of the final accuracy over the runs that did not diverge (NaN if none, or not a classifier).</summary>
    public QuantileSummary FinalAccuracy { get; }

    /// <summary>The share of runs that reached the tolerance for good.</summary>
    public double ReachedTolerance { get; }

    /// <summary>Runs stopped as diverged.</summary>
    public int DivergedCount { get; }

    /// <summary>Every run's summary, in replicate order.</summary>
    public IReadOnlyList<RunSummary> Runs { get; }

    /// <summary>Replicate <paramref name="replicate"/>'s full-data loss at each grid point (+∞ after a divergence).</summary>
    public ReadOnlySpan<double> LossOf(int replicate) => _loss.AsSpan(replicate * Grid.Count, Grid.Count);

    /// <summary>Replicate <paramref name="replicate"/>'s L*.</summary>
    public double MinimumLossOf(int replicate) => _minimumLoss[replicate];
}
