using System.Globalization;
using DescentLab.Experiments;

namespace DescentLab.Io;

/// <summary>Writes the runs' trajectories as one CSV table: method, replicate, step, epoch, samples, batch_loss, loss, θ, grad_norm.</summary>
/// <remarks>
/// One row per recorded step of every run, runs in the order given. The θ columns are named for the parameters
/// (<c>x</c>, <c>x^2</c>, …, <c>1</c>). Numbers are in the invariant culture's shortest round-trip form ("R"), so
/// they read back to the same doubles; the NaN batch loss and gradient norm of row 0 (no step taken yet) are empty
/// cells, and a diverged value is written as nan, inf or -inf, as in every CSV file (<see cref="CsvNumbers"/>), so the
/// file reads back with <see cref="CsvReader"/>. Lines end in "\n".
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

        writer.Write(string.Join(',', ["method,replicate,step,epoch,samples,batch_loss,loss", .. names.Select(CsvNumbers.Text), "grad_norm"]));
        writer.Write('\n');
        Span<char> buffer = stackalloc char[32];
        foreach (var run in runs)
        {
            var t = run.Trajectory;
            var prefix = CsvNumbers.Text(run.Method.Name) + "," + run.Replicate.ToString(CultureInfo.InvariantCulture);
            for (var k = 0; k < t.Count; k++)
            {
                writer.Write(prefix);
                Cell(writer, buffer, t.Step[k]);
                Cell(writer, buffer, t.Epoch[k]);
                Cell(writer, buffer, t.Samples[k]);
                Cell(writer, buffer, t.BatchLoss[k], firstRow: k == 0);
                Cell(writer, buffer, t.Loss[k]);
                for (var j = 0; j < t.ParameterCount; j++)
                {
                    Cell(writer, buffer, t.Parameter(j)[k]);
                }

                Cell(writer, buffer, t.GradientNorm[k], firstRow: k == 0);
                writer.Write('\n');
            }
        }
    }

    /// <summary>Writes <paramref name="runs"/> to a new or replaced UTF-8 file (no byte-order mark) at <paramref name="path"/>.</summary>
    public static void Write(IReadOnlyList<RunResult> runs, string path) => CsvNumbers.WriteFile(path, writer => Write(runs, writer));

    /// <summary>
    /// Writes a comma and <paramref name="value"/>, a double in "R" form: the shortest text that parses back to the same
    /// double, as Python's repr(). Row 0 has no batch yet: its NaN is an empty cell; a NaN or infinity later on is a real
    /// (diverged) value, written as <see cref="CsvNumbers.Format(double)"/> writes it.
    /// </summary>
    private static void Cell<T>(TextWriter writer, Span<char> buffer, T value, bool firstRow = false)
        where T : ISpanFormattable
    {
        writer.Write(',');
        if (value is double d && !double.IsFinite(d))
        {
            writer.Write(firstRow && double.IsNaN(d) ? string.Empty : CsvNumbers.Format(d));
            return;
        }

        value.TryFormat(buffer, out var written, value is double ? "R" : default, CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }
}
