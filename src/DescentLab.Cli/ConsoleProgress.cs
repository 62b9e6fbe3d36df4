using System.Diagnostics;
using System.Globalization;
using DescentLab.Training;

namespace DescentLab.Cli;

/// <summary>Shows training progress on standard error: a live bar redrawn in place on a terminal, plain lines otherwise.</summary>
/// <remarks>
/// Reports arrive from the runs' threads, about every 1% of each run's epochs; drawing is serialised by a lock.
/// Our own rather than Spectre.Console's Progress, whose documentation says the progress display is not thread safe and
/// which owns the work inside its Start callback with a refresh thread of its own, where the runs report through
/// <see cref="IProgress{T}"/> from a parallel loop and the command writes stage lines between; its non-interactive
/// fallback redraws the task list at milestones (25, 50, 75, 95–100%) once a second instead of the one plain line per
/// run and quarter that logs and tests read; and its rendering pipeline costs a second or more cold (see ConsoleTable).
/// </remarks>
internal sealed class ConsoleProgress(TextWriter error, bool terminal, IEnumerable<string> methods, int epochs, int replicates) : IProgress<TrainingProgress>
{
    private const int BarWidth = 30;
    private static readonly long RedrawTicks = Stopwatch.Frequency / 20;

    private readonly Dictionary<string, (int Done, int Total)> _runs =
        methods.SelectMany(m => Enumerable.Range(0, replicates).Select(r => Key(m, r))).ToDictionary(key => key, _ => (0, epochs), StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lastQuarter = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _lastDraw;
    private bool _drawn;

    /// <summary>Writes a stage line ("writing figures"); on a terminal it replaces the bar.</summary>
    public void Stage(string text)
    {
        lock (_lock)
        {
            ClearBar();
            error.WriteLine(text);
        }
    }

    public void Report(TrainingProgress value)
    {
        var key = Key(value.Method, value.Replicate);
        lock (_lock)
        {
            _runs[key] = (value.EpochsDone, value.Epochs);
            if (terminal)
            {
                var now = Stopwatch.GetTimestamp();
                if (now - _lastDraw >= RedrawTicks || _runs.Values.All(r => r.Done >= r.Total))
                {
                    _lastDraw = now;
                    DrawBar();
                }

                return;
            }

            // Plain lines follow replicate 0 only: the other replicates run the same methods under the next seeds.
            if (value.Replicate != 0)
            {
                return;
            }

            var quarter = (int)(4L * value.EpochsDone / Math.Max(1, value.Epochs));
            if (quarter > _lastQuarter.GetValueOrDefault(key))
            {
                _lastQuarter[key] = quarter;
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {key}: epoch {value.EpochsDone}/{value.Epochs}"));
            }
        }
    }

    /// <summary>Removes the bar, if one is drawn, before other output.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            ClearBar();
        }
    }

    private static string Key(string method, int replicate) =>
        replicate == 0 ? method : string.Create(CultureInfo.InvariantCulture, $"{method}#{replicate}");

    private void DrawBar()
    {
        var done = _runs.Values.Sum(r => (long)r.Done);
        var total = _runs.Values.Sum(r => (long)r.Total);
        var fraction = total == 0 ? 1.0 : (double)done / total;
        var filled = (int)Math.Round(fraction * BarWidth);
        var finished = _runs.Count(r => r.Value.Done >= r.Value.Total);
        error.Write(string.Create(
            CultureInfo.InvariantCulture,
            $"\r  training [{new string('#', filled)}{new string('-', BarWidth - filled)}] {fraction * 100,3:F0}%  {finished}/{_runs.Count} runs done"));
        error.Flush();
        _drawn = true;
    }

    private void ClearBar()
    {
        if (_drawn)
        {
            error.Write("\r\u001b[2K");
            _drawn = false;
        }
    }
}
