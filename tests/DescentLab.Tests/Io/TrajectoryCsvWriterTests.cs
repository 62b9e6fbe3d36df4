using System.Globalization;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Training;

namespace DescentLab.Tests.Io;

public sealed class TrajectoryCsvWriterTests
{
    [Fact]
    public void Write_SeedRuns_ReadsBackToTheSameDoubles()
    {
        var result = ExperimentRunner.Run(new ExperimentSpec { Training = new TrainingOptions { Epochs = 5 } });
        using var writer = new StringWriter();

        TrajectoryCsvWriter.Write(result.Runs, writer);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("method,replicate,step,epoch,samples,batch_loss,loss,x,x^2,1,grad_norm", lines[0]);
        var row = 1;
        foreach (var run in result.Runs)
        {
            var t = run.Trajectory;
            for (var k = 0; k < t.Count; k++, row++)
            {
                var cells = lines[row].Split(',');
                Assert.Equal(run.Method.Name, cells[0]);
                Assert.Equal(t.Step[k], long.Parse(cells[2], CultureInfo.InvariantCulture));
                Assert.Equal(t.Loss[k], double.Parse(cells[6], CultureInfo.InvariantCulture));
                Assert.Equal(t.Parameter(1)[k], double.Parse(cells[8], CultureInfo.InvariantCulture));
                if (k == 0)
                {
                    Assert.Equal(string.Empty, cells[5]);
                    Assert.Equal(string.Empty, cells[10]);
                }
                else
                {
                    Assert.Equal(t.BatchLoss[k], double.Parse(cells[5], CultureInfo.InvariantCulture));
                    Assert.Equal(t.GradientNorm[k], double.Parse(cells[10], CultureInfo.InvariantCulture));
                }
            }
        }

        Assert.Equal(lines.Length, row);
    }

    /// <summary>A diverged run's NaN and infinities were written as NaN and Infinity, which no other CSV file writes and CsvReader refuses.</summary>
    [Fact]
    public void Write_DivergedRuns_WritesNonFiniteValuesAsEveryCsvDoesAndReadsBack()
    {
        var methods = new ExperimentSpec().Methods.Select(m => m with { Optimizer = new DescentLab.Optimizers.SgdOptions { LearningRate = 1e200 } }).ToList();
        var result = ExperimentRunner.Run(new ExperimentSpec { Methods = methods, Training = new TrainingOptions { Epochs = 3 } });
        Assert.All(result.Runs, run => Assert.True(run.Trajectory.Diverged));
        using var writer = new StringWriter();

        TrajectoryCsvWriter.Write(result.Runs, writer);

        var text = writer.ToString();
        Assert.Contains(",nan,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", text, StringComparison.Ordinal);
        var reader = new CsvReader(new StringReader(text), "trajectories.csv");
        foreach (var run in result.Runs)
        {
            var t = run.Trajectory;
            for (var k = 0; k < t.Count; k++)
            {
                Assert.True(reader.Read());
                Assert.Equal(t.Loss[k], reader.Number(reader.ColumnOf("loss")));
                Assert.Equal(k == 0 ? null : t.BatchLoss[k], reader.OptionalNumber(reader.ColumnOf("batch_loss")));
                for (var j = 0; j < t.ParameterCount; j++)
                {
                    Assert.Equal(t.Parameter(j)[k], reader.Number(reader.ColumnOf(t.ParameterNames[j])));
                }
            }
        }

        Assert.False(reader.Read());
    }
}
