using DescentLab.Data;
using DescentLab.Tests.Randomness;

namespace DescentLab.Tests.Data;

public class PolynomialDataGeneratorTests
{
    public static TheoryData<int> CaseIndices() => [0, 1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Generate_GoldenSettings_MatchesNumPyPolyvalPlusNormal(int caseIndex)
    {
        // np.random.seed(s); x = uniform(x_low, x_high, n); y = polyval(x, c) + normal(0, sd, n). Compared exactly.
        var golden = RandomGolden.Load("data.json").GetProperty("polynomial")[caseIndex];
        var generator = new PolynomialDataGenerator
        {
            Count = golden.GetProperty("count").GetInt32(),
            XLow = golden.GetProperty("x_low").GetDouble(),
            XHigh = golden.GetProperty("x_high").GetDouble(),
            Coefficients = RandomGolden.Doubles(golden.GetProperty("coefficients")),
            NoiseSd = golden.GetProperty("noise_sd").GetDouble(),
        };
        var data = generator.Generate(golden.GetProperty("seed").GetUInt32());
        Assert.Equal(RandomGolden.Doubles(golden.GetProperty("x")), data.Input(0).ToArray());
        Assert.Equal(RandomGolden.Doubles(golden.GetProperty("y")), data.Output.ToArray());
        Assert.Equal(["x"], data.InputNames);
        Assert.Equal("y", data.OutputName);
    }

    [Fact]
    public void Evaluate_Cubic_UsesAscendingPowers()
    {
        var generator = new PolynomialDataGenerator { Coefficients = [1, -2, 0.5, 0.25] };
        Assert.Equal(1 - 4 + 2 + 2.0, generator.Evaluate(2));
        Assert.Equal(1.0, generator.Evaluate(0));
    }

    [Fact]
    public void Defaults_AreTheSeedMeanCurveWithUnitNoise()
    {
        var generator = new PolynomialDataGenerator();
        Assert.Equal(100, generator.Count);
        Assert.Equal((-5.0, 3.0), (generator.XLow, generator.XHigh));
        Assert.Equal([-2.0, 10.0, 3.0], generator.Coefficients);
        Assert.Equal(1.0, generator.NoiseSd);
    }

    [Fact]
    public void Equals_SameCoefficientValues_AreEqual()
    {
        var a = new PolynomialDataGenerator { Coefficients = [1.0, 2.0] };
        var b = new PolynomialDataGenerator { Coefficients = new List<double> { 1.0, 2.0 } };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Coefficients = [1.0, 2.5] });
        Assert.NotEqual(a, b with { NoiseSd = 0.5 });
    }

    [Fact]
    public void ToString_ListsCoefficientValues()
    {
        var text = new PolynomialDataGenerator { Coefficients = [1.5, -2] }.ToString();
        Assert.Contains("Coefficients = [1.5, -2]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Coefficients_CallerMutatesSource_SettingsUnchanged()
    {
        var source = new[] { 1.0, 2.0 };
        var generator = new PolynomialDataGenerator { Coefficients = source };
        source[0] = 99;
        Assert.Equal([1.0, 2.0], generator.Coefficients);
    }

    [Fact]
    public void Init_InvalidSettings_ThrowNamingTheField()
    {
        Assert.Equal("Count", Assert.Throws<ArgumentOutOfRangeException>(() => new PolynomialDataGenerator { Count = -3 }).ParamName);
        Assert.Equal("XLow", Assert.Throws<ArgumentOutOfRangeException>(() => new PolynomialDataGenerator { XLow = double.NaN }).ParamName);
        Assert.Equal("Coefficients", Assert.Throws<ArgumentException>(() => new PolynomialDataGenerator { Coefficients = [] }).ParamName);
        Assert.Equal("Coefficients", Assert.Throws<ArgumentException>(() => new PolynomialDataGenerator { Coefficients = [1, double.NaN] }).ParamName);
        Assert.Equal("NoiseSd", Assert.Throws<ArgumentOutOfRangeException>(() => new PolynomialDataGenerator { NoiseSd = -0.1 }).ParamName);
    }

    [Fact]
    public void Generate_XLowAboveXHigh_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new PolynomialDataGenerator { XLow = 1, XHigh = 0 }.Generate(0));
        Assert.Contains("XLow", error.Message, StringComparison.Ordinal);
    }
}
