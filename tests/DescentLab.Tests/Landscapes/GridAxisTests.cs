using DescentLab.Landscapes;

namespace DescentLab.Tests.Landscapes;

public class GridAxisTests
{
    [Fact]
    public void Linear_FiveValues_MatchLinspace()
    {
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], GridAxis.Linear(0, 1, 5).Values);
        Assert.Equal([-0.5], GridAxis.Linear(-0.5, 3.5, 1).Values);
    }

    [Fact]
    public void Linear_LastValue_IsStopExactly()
    {
        var axis = GridAxis.Linear(-0.5, 3.4, 40);
        Assert.Equal(3.4, axis.Stop);
        Assert.Equal(-0.5, axis.Start);
        Assert.Equal(-0.5 + (7 * (3.9 / 39)), axis.Values[7]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4097)]
    public void Linear_ResolutionOutOfRange_ThrowsNamingCount(int count)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GridAxis.Linear(0, 1, count));
        Assert.Equal("count", error.ParamName);
        Assert.StartsWith("count: an axis needs between 1 and 4096 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Linear_MaximumResolution_IsAccepted() => Assert.Equal(4096, GridAxis.Linear(0, 1, 4096).Count);

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, 1.0)]
    public void Linear_EmptyOrReversedRange_ThrowsNamingStop(double start, double stop)
    {
        var error = Assert.Throws<ArgumentException>(() => GridAxis.Linear(start, stop, 10));
        Assert.Equal("stop", error.ParamName);
        Assert.Contains("empty or reversed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Linear_NonFiniteStart_ThrowsNamingStart()
    {
        var error = Assert.Throws<ArgumentException>(() => GridAxis.Linear(double.NaN, 1, 10));
        Assert.Equal("start", error.ParamName);
    }

    [Fact]
    public void FromValues_NumPyArange_KeepsTheValuesExactly()
    {
        // np.arange(9, 11, 0.05)[:3] as NumPy makes them: start + i*step.
        double[] values = [9.0, 9.05, 9.1, 9.15];
        var axis = GridAxis.FromValues(values);
        Assert.Equal(values, axis.Values);
        values[0] = 0;
        Assert.Equal(9.0, axis.Values[0]);
    }

    [Fact]
    public void FromValues_Empty_ThrowsNamingValues()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GridAxis.FromValues([]));
        Assert.Equal("values", error.ParamName);
    }

    [Fact]
    public void FromValues_Reversed_ThrowsNamingValues()
    {
        var error = Assert.Throws<ArgumentException>(() => GridAxis.FromValues([1.0, 3.0, 2.0]));
        Assert.Equal("values", error.ParamName);
        Assert.Contains("strictly increasing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromValues_TooMany_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GridAxis.FromValues(new double[4097]));

    [Fact]
    public void Covering_SinglePoint_GetsAWidthOfTwoTenthsAtLeast()
    {
        var axis = GridAxis.Covering([3.0], 11);
        Assert.Equal(2.9, axis.Start, 12);
        Assert.Equal(3.1, axis.Stop, 12);
    }

    [Fact]
    public void Covering_SkipsNonFinitePoints()
    {
        var axis = GridAxis.Covering([0.0, double.NaN, 10.0, double.NegativeInfinity], 3);
        Assert.Equal([-1.0, 5.0, 11.0], axis.Values);
    }

    [Fact]
    public void Covering_NoFinitePoint_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => GridAxis.Covering([double.NaN], 3));
        Assert.Equal("points", error.ParamName);
    }
}
