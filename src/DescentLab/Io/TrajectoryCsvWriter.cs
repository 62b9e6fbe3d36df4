using System.Globalization;
using System.Text;
using DescentLab.Experiments;

namespace DescentLab.Io;

/// <summary>Writes the runs' trajectories as one CSV table: method, replicate, step, epoch, samples, batch_loss, loss, θ, grad_norm.</summary>
/// <remarks>
/// One row per recorded step of every run, runs in the order given. The θ columns are named for the parameters
/// (<c>x</c>, <c>x^2</c>, …, <c>1</c>). Numbers are in the invariant culture's shortest round-trip form ("R"), so
/// they read back to the same doubles; the NaN batch loss and gradient norm of row 0 (no step taken yet) are empty
/// cells, and a diverged value is written as NaN, Infinity or -Infinity. Lines end in "\n".
/// </remarks>
public static class TrajectoryCsvWriter
{
    /// <summary>Writes <paramref name="runs"/> to <paramref name="writer"/>.</summary>
    public static void Write(IReadOnlyList<RunResult> runs, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(writer);
        if (runs.Count == 0)
        {
            throw new ArgumentException("At least one run is needed.", nameof(runs));
        }

        var names = runs[0].Trajectory.ParameterNames;
        if (runs.Any(r => !r.Trajectory.ParameterNames.SequenceEqual(names, StringComparer.Ordinal)))
        {
            throw new ArgumentException("Every run must have the same parameters.", nameof(runs));
        }

        writer.Write("method,replicate,step,epoch,samples,batch_loss,loss");
        foreach (var name in names)
        {
            writer.Write(',');
            writer.Write(Quote(name));
        }

        writer.Write(",grad_norm\n");
        Span<char> buffer = stackalloc char[32];
        foreach (var run in runs)
        {
            var t = run.Trajectory;
            var prefix = Quote(run.Method.Name) + "," + run.Replicate.ToString(CultureInfo.InvariantCulture) + ",";
            for (var k = 0; k < t.Count; k++)
            {
                writer.Write(prefix);
                Number(writer, buffer, t.Step[k]);
                writer.Write(',');
                Number(writer, buffer, t.Epoch[k]);
                writer.Write(',');
                Number(writer, buffer, t.Samples[k]);
                writer.Write(',');
                Cell(writer, buffer, t.BatchLoss[k], k);
                writer.Write(',');
                Number(writer, buffer, t.Loss[k]);
                for (var j = 0; j < t.ParameterCount; j++)
                {
                    writer.Write(',');
                    Number(writer, buffer, t.Parameter(j)[k]);
                }

                writer.Write(',');
                Cell(writer, buffer, t.GradientNorm[k], k);
                writer.Write('\n');
            }
        }
    }

    /// <summary>Writes <paramref name="runs"/> to a new or replaced UTF-8 file (no byte-order mark) at <paramref name="path"/>.</summary>
    public static void Write(IReadOnlyList<RunResult> runs, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        Write(runs, writer);
    }

    /// <summary>Row 0 has no batch yet: its NaN is an empty cell; a NaN later on is a real (diverged) value.</summary>
    private static void Cell(TextWriter writer, Span<char> buffer, double value, int row)
    {
        if (row == 0 && double.IsNaN(value))
        {
            return;
        }

        Number(writer, buffer, value);
    }

    private static void Number(TextWriter writer, Span<char> buffer, double value)
    {
        // "R" is the shortest text that parses back to the same double, as Python's repr().
        value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    private static void Number(TextWriter writer, Span<char> buffer, long value)
    {
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    private static string Quote(string text) => CsvNumbers.Text(text);
}
