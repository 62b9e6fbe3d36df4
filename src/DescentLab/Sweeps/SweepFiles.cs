// File I/O outside Io until this file moves there (it is being moved with the CSV reader work).
#pragma warning disable RS0030
namespace DescentLab.Sweeps;

/// <summary>A sweep's output folder: tidy.csv (one row per run) and, for a whole sweep, summary.csv (one row per cell).</summary>
public static class SweepFiles
{
    /// <summary>The tidy file's name.</summary>
    public const string TidyName = "tidy.csv";

    /// <summary>The summary file's name.</summary>
    public const string SummaryName = "summary.csv";

    /// <summary>
    /// Writes <paramref name="result"/> into <paramref name="folder"/> (created if needed): tidy.csv, and summary.csv
    /// when the result is the whole sweep (a shard's summary would cover only some replicates of each cell).
    /// </summary>
    public static void Write(string folder, SweepResult result)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        var tidy = SweepCsv.Tidy(result.Rows);
        File.WriteAllText(Path.Combine(folder, TidyName), tidy);
        if (result.Shard.Count == 1)
        {
            File.WriteAllText(Path.Combine(folder, SummaryName), SweepCsv.Summary(tidy));
        }
    }

    /// <summary>Merges the tidy.csv of every shard folder into <paramref name="output"/>: the tidy and summary files one unsharded run writes.</summary>
    /// <param name="shardFolders">The shards' output folders.</param>
    /// <param name="output">The folder to write.</param>
    /// <param name="expectedRuns">The sweep's run count when known, to catch a missing shard.</param>
    public static void Merge(IEnumerable<string> shardFolders, string output, long? expectedRuns = null)
    {
        ArgumentNullException.ThrowIfNull(shardFolders);
        ArgumentException.ThrowIfNullOrEmpty(output);
        var tidy = SweepCsv.Merge(shardFolders.Select(folder => File.ReadAllText(Path.Combine(folder, TidyName))).ToArray(), expectedRuns);
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, TidyName), tidy);
        File.WriteAllText(Path.Combine(output, SummaryName), SweepCsv.Summary(tidy));
    }
}
