using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Sweeps;
using DescentLab.Training;

namespace DescentLab.Tests.Sweeps;

public sealed class SweepCsvReadSummaryTests
{
    [Fact]
    public void ReadSummary_OfSummary_GivesBackEveryCellAndQuantile()
    {
        var spec = new SweepSpec
        {
            Base = new ExperimentSpec { Replicates = 3, Training = new TrainingOptions { Epochs = 30 } },
            LearningRates = [1e-3, 1e-2],
            BatchSizes = [10, 50],
        };
        var summary = SweepCsv.Summary(SweepCsv.Tidy(SweepRunner.Run(spec).Rows));

        var cells = SweepCsv.ReadSummary(summary);

        Assert.Equal(4, cells.Count);
        var lines = summary.Split('\n');
        for (var k = 0; k < cells.Count; k++)
        {
            var c = cells[k];
            Assert.Equal(k, c.Cell);
            Assert.Equal(3, c.Runs);
            Assert.Equal("sgd", c.Optimizer);
            Assert.Equal("reshuffle", c.Sampler);
            Assert.Equal(spec.Cells()[k].Method.Name, c.Method);

            // Written again, each row is the line it was read from: nothing lost on the way.
            var again = string.Join(',', [
                c.Cell.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Optimizer, c.Sampler, c.BatchSize, DescentLab.Io.CsvNumbers.Format(c.LearningRate), c.Method,
                c.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture), DescentLab.Io.CsvNumbers.Format(c.DivergedShare), DescentLab.Io.CsvNumbers.Format(c.ReachedShare),
                DescentLab.Io.CsvNumbers.Format(c.FinalExcessLoss.Lower), DescentLab.Io.CsvNumbers.Format(c.FinalExcessLoss.Median), DescentLab.Io.CsvNumbers.Format(c.FinalExcessLoss.Upper),
                DescentLab.Io.CsvNumbers.Format(c.EpochsToTolerance.Lower), DescentLab.Io.CsvNumbers.Format(c.EpochsToTolerance.Median), DescentLab.Io.CsvNumbers.Format(c.EpochsToTolerance.Upper)]);
            Assert.Equal(lines[k + 1], again);
        }

        Assert.Equal(["10", "10", "50", "50"], cells.Select(c => c.BatchSize));
    }

    [Fact]
    public void ReadSummary_NotASummary_Throws()
    {
        var error = Assert.Throws<DataFormatException>(() => SweepCsv.ReadSummary("a,b\n1,2\n"));
        Assert.StartsWith("summary.csv: line 1, column 'cell': no such column", error.Message, StringComparison.Ordinal);
    }
}
