using System.Text.Json;
using DescentLab.Randomness;
using DescentLab.Tests.Support;

namespace DescentLab.Tests.Randomness;

/// <summary><see cref="TorchGenerator.Normal"/> against torch 1.13's float64 <c>normal_</c> (tests/reference/normal_golden.py).</summary>
public class TorchNormalTests
{
    private static readonly JsonElement Cases = Golden.Load("normal", "normal.json").RootElement.GetProperty("cases");

    public static TheoryData<int> CaseIndices()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Cases.GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Normal_GoldenSequenceOfCalls_EqualsTorchBitForBit(int index)
    {
        // Lengths below 16 take the scalar path and its cached second sample, 16 and more normal_fill with its redrawn
        // tail; each case calls in turn on one generator, so a wrong draw count shows in every later call.
        var golden = Cases[index];
        var generator = new TorchGenerator(golden.GetProperty("seed").GetUInt64());
        var mean = golden.GetProperty("mean").GetDouble();
        var std = golden.GetProperty("std").GetDouble();
        foreach (var call in golden.GetProperty("calls").EnumerateArray())
        {
            var expected = call.GetProperty("values").Doubles();
            var actual = new double[call.GetProperty("length").GetInt32()];
            generator.Normal(actual, mean, std);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void ManualSeed_DropsTheCachedSample()
    {
        var generator = new TorchGenerator(7);
        var first = new double[1];
        generator.Normal(first);
        generator.ManualSeed(7);
        var again = new double[1];
        generator.Normal(again);
        Assert.Equal(first, again);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Normal_BadStd_Throws(double std) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TorchGenerator(0).Normal(new double[3], 0, std));
}
