using DescentLab.Io;
using DescentLab.Landscapes;

namespace DescentLab.Tests.Io;

public sealed class SurfaceCsvWriterTests
{
    [Fact]
    public void Write_NonFiniteLoss_WritesInfAndNanAsEveryCsvDoesAndReadsBack()
    {
        double[] values = [1.5, double.PositiveInfinity, double.NaN, 0.25];
        var surface = new Surface("alpha", "beta", LandscapeKind.Slice, [-1, 1], [0, 2], values, new Dictionary<string, double>(), 10);
        using var writer = new StringWriter();

        SurfaceCsvWriter.Write(surface, writer);

        var text = writer.ToString();
        Assert.Equal("alpha,beta,loss\n-1,0,1.5\n1,0,inf\n-1,2,nan\n1,2,0.25\n", text);
        var csv = new CsvReader(new StringReader(text), "landscape.csv");
        var read = new List<double>();
        while (csv.Read())
        {
            read.Add(csv.Number(2));
        }

        Assert.Equal(values, read);
    }
}
