using System.Text.Json;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Statistics;
using DescentLab.Tests.Support;
using DescentLab.Training;

namespace DescentLab.Tests.Statistics;

/// <summary>
/// The replicate statistics against tests/reference/statistics_golden.py, which recomputes them with NumPy from
/// DescentLab's own per-run and per-curve CSV export (committed beside it).
/// </summary>
/// <remarks>
/// Tolerance 1e-12 relative (with an absolute floor of 1e-12 times the quantity's scale, for values near zero). NumPy
/// and DescentLab do the same operations on the same doubles (the CSV round-trips exactly), so on the committed CSV the
/// results agree bit for bit; the margin lets the trainer's own arithmetic change by a few ulps (a reordered dot
/// product in the hot path) without regenerating the files, while a wrong quantile index, interpolation or resample
/// is off by far more (1e-6 or worse).
/// </remarks>
public class StatisticsGoldenTests
{
    private const double Relative = 1e-12;

    public static ExperimentSpec Spec { get; } = new() { Replicates = 25, Training = new TrainingOptions { RecordEvery = 25 } };

    private static readonly Lazy<ReplicateStatistics> Result = new(() => ExperimentRunner.Run(Spec).Statistics!);

    private static JsonElement Expected => StatisticsGolden.Expected.GetProperty("replicates");

    [Fact]
    public void WriteRunsAndCurves_GoldenSpec_MatchTheCommittedCsv()
    {
        AssertSameCsv(File.ReadAllText(StatisticsGolden.Path("runs.csv")), Write(ReplicateCsv.WriteRuns));
        AssertSameCsv(File.ReadAllText(StatisticsGolden.Path("curves.csv")), Write(ReplicateCsv.WriteCurves));
    }

    [Fact]
    public void Methods_GoldenSpec_BandsAndDistributionsMatchNumPy()
    {
        var statistics = Result.Value;
        Assert.Equal(["gd", "sgd", "sgd-shuffle"], statistics.Methods.Select(m => m.Name));
        foreach (var method in statistics.Methods)
        {
            var expected = Expected.GetProperty("methods").GetProperty(method.Name);
            Assert.Equal(expected.GetProperty("step").EnumerateArray().Select(s => s.GetInt64()), method.Grid.Step.ToArray());
            AssertBand(expected.GetProperty("loss"), method.Loss, $"{method.Name} loss");
            AssertBand(expected.GetProperty("excess_loss"), method.ExcessLoss, $"{method.Name} excess loss");
            var parameters = expected.GetProperty("final_parameters").EnumerateArray().ToArray();
            Assert.Equal(parameters.Length, method.FinalParameters.Count);
            for (var j = 0; j < parameters.Length; j++)
            {
                AssertSummary(parameters[j], method.FinalParameters[j], $"{method.Name} final θ{j}");
            }

            AssertSummary(expected.GetProperty("final_excess_loss"), method.FinalExcessLoss, $"{method.Name} final excess loss");
            AssertSummary(expected.GetProperty("epochs_to_tolerance"), method.EpochsToTolerance, $"{method.Name} epochs to tolerance");
            Assert.Equal(expected.GetProperty("reached").GetDouble(), method.ReachedTolerance);
            Assert.Equal(expected.GetProperty("diverged").GetInt32(), method.DivergedCount);
        }
    }

    [Fact]
    public void Comparisons_GoldenSpec_IntervalsAndSharesMatchNumPyBootstrap()
    {
        var expected = Expected.GetProperty("comparisons").EnumerateArray().ToArray();
        var actual = Result.Value.Comparisons;
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var e = expected[i];
            var a = actual[i];
            var what = $"{a.MethodA} − {a.MethodB} at {a.Axis} {a.At}";
            Assert.Equal(e.GetProperty("a").GetString(), a.MethodA);
            Assert.Equal(e.GetProperty("b").GetString(), a.MethodB);
            Assert.Equal(e.GetProperty("axis").GetString(), a.Axis == ComparisonAxis.Epoch ? "epoch" : "step");
            Assert.Equal(e.GetProperty("at").GetInt64(), a.At);
            var scale = Math.Max(Math.Abs(e.GetProperty("lower").GetDouble()), Math.Abs(e.GetProperty("upper").GetDouble()));
            Golden.Close(e.GetProperty("mean").GetDouble(), a.Interval.Mean, Relative, Relative * scale, what + " mean");
            Golden.Close(e.GetProperty("lower").GetDouble(), a.Interval.Lower, Relative, Relative * scale, what + " lower");
            Golden.Close(e.GetProperty("upper").GetDouble(), a.Interval.Upper, Relative, Relative * scale, what + " upper");
            Golden.Close(e.GetProperty("median").GetDouble(), a.MedianDifference, Relative, Relative * scale, what + " median");
            Assert.Equal(e.GetProperty("share_a_better").GetDouble(), a.ShareABetter);
        }
    }

    private static string Write(Action<TextWriter, ReplicateStatistics> write)
    {
        using var writer = new StringWriter();
        write(writer, Result.Value);
        return writer.ToString();
    }

    private static void AssertSameCsv(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        Assert.Equal(expectedLines.Length, actualLines.Length);
        Assert.Equal(expectedLines[0], actualLines[0]);
        for (var i = 1; i < expectedLines.Length; i++)
        {
            var e = expectedLines[i].Split(',');
            var a = actualLines[i].Split(',');
            Assert.Equal(e.Length, a.Length);
            for (var c = 0; c < e.Length; c++)
            {
                if (e[c] == a[c])
                {
                    continue;
                }

                var x = CsvNumbers.Parse(e[c]);
                Golden.Close(x, CsvNumbers.Parse(a[c]), Relative, 0, $"line {i + 1}, column {c + 1}");
            }
        }
    }

    private static void AssertBand(JsonElement expected, Band actual, string what)
    {
        var rows = expected.EnumerateArray().Select(StatisticsGolden.Doubles).ToArray();
        IReadOnlyList<double>[] columns = [actual.Lower, actual.Median, actual.Upper];
        for (var q = 0; q < 3; q++)
        {
            Assert.Equal(rows[q].Length, columns[q].Count);
            for (var k = 0; k < rows[q].Length; k++)
            {
                Golden.Close(rows[q][k], columns[q][k], Relative, 0, $"{what} quantile {q} at point {k}");
            }
        }
    }

    private static void AssertSummary(JsonElement expected, QuantileSummary actual, string what)
    {
        var e = StatisticsGolden.Doubles(expected);
        double[] a = [actual.Lower, actual.Median, actual.Upper];
        for (var q = 0; q < 3; q++)
        {
            if (double.IsInfinity(e[q]))
            {
                Assert.Equal(e[q], a[q]);
            }
            else
            {
                Golden.Close(e[q], a[q], Relative, 0, $"{what} quantile {q}");
            }
        }
    }
}
