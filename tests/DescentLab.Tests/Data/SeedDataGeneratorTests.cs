using DescentLab.Data;
using DescentLab.Tests.Randomness;

namespace DescentLab.Tests.Data;

public class SeedDataGeneratorTests
{
    public static TheoryData<int> CaseIndices() => [0, 1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Generate_GoldenSeed_MatchesNotebookNumPyData(int caseIndex)
    {
        // np.random.seed(s); x, a, b, c drawn in that order; y = a*x**2 + b*x + c. Compared exactly: same draws, same operation order.
        var golden = RandomGolden.Load("data.json").GetProperty("seed_notebook")[caseIndex];
        var data = new SeedDataGenerator().Generate(golden.GetProperty("seed").GetUInt32());
        Assert.Equal(RandomGolden.Doubles(golden.GetProperty("x")), data.Input(0).ToArray());
        Assert.Equal(RandomGolden.Doubles(golden.GetProperty("y")), data.Output.ToArray());
        Assert.Equal(["x"], data.InputNames);
        Assert.Equal("y", data.OutputName);
    }

    [Fact]
    public void Defaults_AreTheNotebooksSettings()
    {
        var generator = new SeedDataGenerator();
        Assert.Equal(100, generator.Count);
        Assert.Equal((-5.0, 3.0), (generator.XLow, generator.XHigh));
        Assert.Equal((3.0, 0.5), (generator.AMean, generator.ASd));
        Assert.Equal((10.0, 1.0), (generator.BMean, generator.BSd));
        Assert.Equal((-2.0, 2.0), (generator.CMean, generator.CSd));
        Assert.Equal([-2.0, 10.0, 3.0], generator.MeanCoefficients);
    }

    [Fact]
    public void Generate_ZeroSpread_GivesTheMeanCurve()
    {
        var generator = new SeedDataGenerator { Count = 20, ASd = 0, BSd = 0, CSd = 0 };
        var data = generator.Generate(5);
        for (var i = 0; i < data.Count; i++)
        {
            var x = data.Input(0)[i];
            Assert.InRange(x, -5.0, 3.0);
            Assert.Equal((3 * (x * x)) + (10 * x) - 2, data.Output[i]);
        }
    }

    [Fact]
    public void Generate_SameSeed_SameData()
    {
        var generator = new SeedDataGenerator { Count = 10 };
        Assert.Equal(generator.Generate(3).Output.ToArray(), generator.Generate(3).Output.ToArray());
        Assert.NotEqual(generator.Generate(3).Output.ToArray(), generator.Generate(4).Output.ToArray());
    }

    [Fact]
    public void Init_InvalidSettings_ThrowNamingTheField()
    {
        Assert.Equal("Count", Assert.Throws<ArgumentOutOfRangeException>(() => new SeedDataGenerator { Count = 0 }).ParamName);
        Assert.Equal("XLow", Assert.Throws<ArgumentOutOfRangeException>(() => new SeedDataGenerator { XLow = double.NaN }).ParamName);
        Assert.Equal("XHigh", Assert.Throws<ArgumentOutOfRangeException>(() => new SeedDataGenerator { XHigh = double.PositiveInfinity }).ParamName);
        Assert.Equal("ASd", Assert.Throws<ArgumentOutOfRangeException>(() => new SeedDataGenerator { ASd = -1 }).ParamName);
        Assert.Equal("BSd", Assert.Throws<ArgumentOutOfRangeException>(() => new SeedDataGenerator() with { BSd = double.NaN }).ParamName);
        Assert.Equal("CMean", Assert.Throws<ArgumentOutOfRangeException>(() => new SeedDataGenerator { CMean = double.NegativeInfinity }).ParamName);
    }

    [Fact]
    public void Generate_XLowNotBelowXHigh_ThrowsNamingBoth()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SeedDataGenerator { XLow = 3, XHigh = 3 }.Generate(0));
        Assert.Contains("XLow", error.Message, StringComparison.Ordinal);
        Assert.Contains("XHigh", error.Message, StringComparison.Ordinal);
    }
}
