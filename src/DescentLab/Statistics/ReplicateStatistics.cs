namespace DescentLab.Statistics;

/// <summary>Every method's statistics across replicates and the paired comparison of every pair of methods.</summary>
public sealed class ReplicateStatistics
{
    private ReplicateStatistics(IReadOnlyList<string> parameterNames, StatisticsOptions options, IReadOnlyList<MethodStatistics> methods, IReadOnlyList<PairedComparison> comparisons, IReadOnlyList<SkippedComparison> skipped)
    {
        Skipped = skipped;
        ParameterNames = parameterNames;
        Options = options;
        Methods = methods;
        Comparisons = comparisons;
    }

    /// <summary>The parameters' names, in parameter order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The options the statistics were computed with.</summary>
    public StatisticsOptions Options { get; }

    /// <summary>Per method, in the spec's order.</summary>
    public IReadOnlyList<MethodStatistics> Methods { get; }

    /// <summary>For each pair (A before B in method order), at each comparison epoch, then at each comparison step.</summary>
    public IReadOnlyList<PairedComparison> Comparisons { get; }

    /// <summary>The comparison points past the end of some methods' runs, with the methods and why; those pairs are not compared there.</summary>
    public IReadOnlyList<SkippedComparison> Skipped { get; }

    /// <summary>The statistics of <paramref name="methods"/>, with their pairwise comparisons.</summary>
    public static ReplicateStatistics Create(IReadOnlyList<string> parameterNames, IReadOnlyList<MethodStatistics> methods, StatisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameterNames);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(options);
        var comparisons = new List<PairedComparison>();
        for (var a = 0; a < methods.Count; a++)
        {
            for (var b = a + 1; b < methods.Count; b++)
            {
                foreach (var epoch in options.ComparisonEpochs)
                {
                    Add(comparisons, methods[a], methods[b], ComparisonAxis.Epoch, epoch, epoch * (long)methods[a].Grid.BatchesPerEpoch, epoch * (long)methods[b].Grid.BatchesPerEpoch, options);
                }

                foreach (var step in options.ComparisonSteps)
                {
                    Add(comparisons, methods[a], methods[b], ComparisonAxis.Step, step, step, step, options);
                }
            }
        }

        var skipped = new List<SkippedComparison>();
        if (methods.Count > 1)
        {
            foreach (var epoch in options.ComparisonEpochs)
            {
                var ended = methods.Where(m => epoch * (long)m.Grid.BatchesPerEpoch > m.Grid.TotalSteps).ToArray();
                if (ended.Length > 0)
                {
                    var epochs = ended.Select(m => m.Grid.Epoch[^1]).Distinct().ToArray();
                    var end = epochs.Length == 1 ? $"{Number(epochs[0])} epochs" : "fewer epochs";
                    skipped.Add(new SkippedComparison(ComparisonAxis.Epoch, epoch, [.. ended.Select(m => m.Name)], $"past the end of {string.Join(", ", ended.Select(m => m.Name))} ({end})"));
                }
                else if (Unrecorded(methods, ComparisonAxis.Epoch, epoch, m => epoch * (long)m.Grid.BatchesPerEpoch) is { } unrecorded)
                {
                    skipped.Add(unrecorded);
                }
            }

            foreach (var step in options.ComparisonSteps)
            {
                var ended = methods.Where(m => step > m.Grid.TotalSteps).ToArray();
                if (ended.Length > 0)
                {
                    var ends = string.Join(", ", ended.Select(m => $"{m.Name} ends at update {Number(m.Grid.TotalSteps)}"));
                    skipped.Add(new SkippedComparison(ComparisonAxis.Step, step, [.. ended.Select(m => m.Name)], $"past the end of the run: {ends}"));
                }
                else if (Unrecorded(methods, ComparisonAxis.Step, step, _ => step) is { } unrecorded)
                {
                    skipped.Add(unrecorded);
                }
            }
        }

        return new ReplicateStatistics([.. parameterNames], options, [.. methods], comparisons, skipped);
    }

    /// <summary>The point <paramref name="at"/> as a skip for the methods that did not record its update (<paramref name="stepOf"/>, off their recordEvery); null when all did.</summary>
    private static SkippedComparison? Unrecorded(IReadOnlyList<MethodStatistics> methods, ComparisonAxis axis, long at, Func<MethodStatistics, long> stepOf)
    {
        var missing = methods.Where(m => m.Grid.IndexOf(stepOf(m)) < 0).Select(m => m.Name).ToArray();
        return missing.Length == 0
            ? null
            : new SkippedComparison(axis, at, missing, $"not recorded by {string.Join(", ", missing)} (the recording interval, recordEvery or --record-every, skips it)");
    }

    private static string Number(double value) => value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The statistics of the method named <paramref name="name"/>.</summary>
    public MethodStatistics Method(string name) =>
        Methods.FirstOrDefault(m => m.Name == name) ?? throw new KeyNotFoundException($"No method named '{name}'.");

    /// <summary>The paired differences of excess loss, A − B, at steps <paramref name="stepA"/> and <paramref name="stepB"/>, in replicate order.</summary>
    public static double[] PairedDifferences(MethodStatistics a, MethodStatistics b, long stepA, long stepB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Replicates != b.Replicates)
        {
            throw new ArgumentException($"'{a.Name}' has {a.Replicates} replicates and '{b.Name}' {b.Replicates}.", nameof(b));
        }

        var ia = a.Grid.IndexOf(stepA);
        var ib = b.Grid.IndexOf(stepB);
        if (ia < 0 || ib < 0)
        {
            throw new ArgumentException($"step {stepA} of '{a.Name}' or step {stepB} of '{b.Name}' is not on its grid.", nameof(stepA));
        }

        var differences = new double[a.Replicates];
        for (var r = 0; r < differences.Length; r++)
        {
            differences[r] = (a.LossOf(r)[ia] - a.MinimumLossOf(r)) - (b.LossOf(r)[ib] - b.MinimumLossOf(r));
        }

        return differences;
    }

    private static void Add(List<PairedComparison> comparisons, MethodStatistics a, MethodStatistics b, ComparisonAxis axis, long at, long stepA, long stepB, StatisticsOptions options)
    {
        if (stepA > a.Grid.TotalSteps || stepB > b.Grid.TotalSteps || a.Grid.IndexOf(stepA) < 0 || b.Grid.IndexOf(stepB) < 0)
        {
            return;
        }

        var differences = PairedDifferences(a, b, stepA, stepB);
        var better = 0;
        var ia = a.Grid.IndexOf(stepA);
        var ib = b.Grid.IndexOf(stepB);
        for (var r = 0; r < differences.Length; r++)
        {
            if (a.LossOf(r)[ia] - a.MinimumLossOf(r) < b.LossOf(r)[ib] - b.MinimumLossOf(r))
            {
                better++;
            }
        }

        var interval = Bootstrap.MeanInterval(differences, options.BootstrapResamples, options.BootstrapSeed, options.ConfidenceLevel);
        var median = Array.Exists(differences, double.IsNaN) ? double.NaN : Quantiles.Linear(differences.ToArray(), 0.5);
        comparisons.Add(new PairedComparison(a.Name, b.Name, axis, at, stepA, stepB, differences.Length, median, interval, better / (double)differences.Length));
    }
}
