using DescentLab.Data;

namespace DescentLab.Tests.Data;

public class DatasetTests
{
    [Fact]
    public void Constructor_TwoInputs_ExposesColumnsAndCounts()
    {
        var data = new Dataset(["x1", "x2"], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], "y", [7.0, 8.0, 9.0]);

        Assert.Equal(3, data.Count);
        Assert.Equal(2, data.InputCount);
        Assert.Equal(["x1", "x2"], data.InputNames);
        Assert.Equal("y", data.OutputName);
        Assert.Equal([4.0, 5.0, 6.0], data.Input(1).ToArray());
        Assert.Equal([7.0, 8.0, 9.0], data.Output.ToArray());
    }

    [Fact]
    public void Constructor_SourceArraysChangedAfterwards_DatasetKeepsItsCopy()
    {
        double[] x = [1.0, 2.0];
        double[] y = [3.0, 4.0];
        var data = new Dataset(["x"], [x], "y", y);
        x[0] = 100.0;
        y[1] = 100.0;

        Assert.Equal(1.0, data.Input(0)[0]);
        Assert.Equal(4.0, data.Output[1]);
    }

    [Fact]
    public void Constructor_ColumnLengthsDiffer_ThrowsNamingBothColumns()
    {
        var exception = Assert.Throws<ArgumentException>(() => new Dataset(["x"], [[1.0, 2.0, 3.0]], "y", [1.0, 2.0]));
        Assert.Contains("'x' has 3 values but output 'y' has 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateInputNames_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => new Dataset(["x", "x"], [[1.0], [2.0]], "y", [3.0]));
        Assert.Equal("inputNames", exception.ParamName);
    }

    [Fact]
    public void Constructor_NoInputColumns_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => new Dataset([], [], "y", [1.0]));
        Assert.Equal("inputs", exception.ParamName);
    }

    [Fact]
    public void Constructor_NameCountDiffersFromColumnCount_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => new Dataset(["x1", "x2"], [[1.0]], "y", [1.0]));
        Assert.Equal("inputNames", exception.ParamName);
    }

    [Fact]
    public void RoundedToSingle_DoubleValues_BecomeTheirFloatValues()
    {
        var data = new Dataset(["x"], [[0.1, 1.0 / 3.0]], "y", [Math.PI, 2.0]).RoundedToSingle();

        Assert.Equal([(double)0.1f, (double)(1.0f / 3.0f)], data.Input(0).ToArray());
        Assert.Equal([(double)MathF.PI, 2.0], data.Output.ToArray());
        Assert.NotEqual(0.1, data.Input(0)[0]);
    }
}
