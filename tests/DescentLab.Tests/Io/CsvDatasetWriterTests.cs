using CsCheck;
using DescentLab.Data;
using DescentLab.Io;

namespace DescentLab.Tests.Io;

public class CsvDatasetWriterTests
{
    [Fact]
    public void Write_TwoInputs_WritesHeaderThenShortestRoundTripNumbers()
    {
        var data = new Dataset(["x1", "x2"], [[0.1, -2.0], [1e-300, 5e-324]], "y", [1.0 / 3.0, -0.0]);
        var writer = new StringWriter();
        CsvDatasetWriter.Write(data, writer);

        Assert.Equal("x1,x2,y\n0.1,1E-300,0.3333333333333333\n-2,5E-324,-0\n", writer.ToString());
    }

    [Fact]
    public void Write_NamesNeedingQuotes_ReadBackUnchanged()
    {
        var names = new[] { "a,b", "say \"hi\"", " padded " };
        var data = new Dataset(names, [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], "y\nnext", [7.0, 8.0]);
        var writer = new StringWriter();
        CsvDatasetWriter.Write(data, writer);

        var back = CsvDatasetReader.Read(new StringReader(writer.ToString()), "data.csv", names, "y\nnext");
        Assert.Equal(names, back.InputNames);
        Assert.Equal([7.0, 8.0], back.Output.ToArray());
    }

    [Fact]
    public void Write_ThenRead_IsBitIdentical()
    {
        // Gen.Double draws from every finite double, subnormals and -0 included: the hard cases for text round trips.
        var finite = Gen.Double.Where(double.IsFinite);
        var datasets =
            from columns in Gen.Int[1, 3]
            from n in Gen.Int[2, 50]
            from inputs in finite.Array[n].Array[columns]
            from output in finite.Array[n]
            select new Dataset([.. Enumerable.Range(1, columns).Select(c => $"x{c}")], inputs, "y", output);

        datasets.Sample(data =>
        {
            var writer = new StringWriter();
            CsvDatasetWriter.Write(data, writer);
            var back = CsvDatasetReader.Read(new StringReader(writer.ToString()), "data.csv", data.InputNames, data.OutputName);

            Assert.Equal(data.Count, back.Count);
            for (var c = 0; c < data.InputCount; c++)
            {
                Assert.Equal(Bits(data.Input(c)), Bits(back.Input(c)));
            }

            Assert.Equal(Bits(data.Output), Bits(back.Output));
        }, iter: 500);
    }

    [Fact]
    public void Write_ToFile_ReadsBackBitIdenticalWithoutByteOrderMark()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(folder.FullName, "data.csv");
            var data = new Dataset(["x"], [[Math.PI, -Math.E]], "y", [0.1 + 0.2, double.Epsilon]);
            CsvDatasetWriter.Write(data, path);

            Assert.Equal((byte)'x', File.ReadAllBytes(path)[0]);
            var back = CsvDatasetReader.Read(path, CsvColumns.Numeric(["x"], "y"));
            Assert.Equal(Bits(data.Input(0)), Bits(back.Input(0)));
            Assert.Equal(Bits(data.Output), Bits(back.Output));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Write_NonFiniteValue_ThrowsNamingColumnAndRow()
    {
        var data = new Dataset(["x"], [[1.0, double.NaN]], "y", [1.0, 2.0]);
        var exception = Assert.Throws<ArgumentException>(() => CsvDatasetWriter.Write(data, new StringWriter()));
        Assert.Contains("Column 'x' row 2 is NaN", exception.Message, StringComparison.Ordinal);
    }

    private static long[] Bits(ReadOnlySpan<double> values)
    {
        var bits = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.DoubleToInt64Bits(values[i]);
        }

        return bits;
    }
}
