using DescentLab.Models;
using DescentLab.Randomness;
using DescentLab.Tests.Randomness;

namespace DescentLab.Tests.Models;

public class TorchLinearInitTests
{
    public static TheoryData<int> CaseIndices() => [0, 1, 2, 3, 4, 5, 6];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Draw_AfterManualSeed_MatchesFreshLinearModules(int caseIndex)
    {
        // torch.manual_seed(s), then two nn.Linear(fan_in, 1) in a row; weights then bias, float32 values compared exactly.
        var golden = RandomGolden.Load("torch.json").GetProperty("cases")[caseIndex];
        foreach (var entry in golden.GetProperty("linear").EnumerateObject())
        {
            var fanIn = int.Parse(entry.Name, System.Globalization.CultureInfo.InvariantCulture);
            var generator = new TorchGenerator(golden.GetProperty("seed").GetUInt64());
            foreach (var module in entry.Value.EnumerateArray())
            {
                Assert.Equal(RandomGolden.Doubles(module), TorchLinearInit.Draw(generator, fanIn));
            }
        }
    }

    [Fact]
    public void KaimingUniformBound_GoldenFanIns_EqualsPythonDouble()
    {
        foreach (var entry in RandomGolden.Load("torch.json").GetProperty("kaiming_bound").EnumerateObject())
        {
            var fanIn = int.Parse(entry.Name, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(entry.Value.GetDouble(), TorchLinearInit.KaimingUniformBound(fanIn));
        }
    }

    [Fact]
    public void Draw_AnyFanIn_StaysWithinOneOverSqrtFanIn()
    {
        var generator = new TorchGenerator(3);
        for (var fanIn = 1; fanIn <= 50; fanIn++)
        {
            var parameters = TorchLinearInit.Draw(generator, fanIn);
            Assert.Equal(fanIn + 1, parameters.Length);
            var bound = (double)(float)(1 / Math.Sqrt(fanIn));
            Assert.All(parameters, p => Assert.InRange(p, -bound, bound));
            Assert.All(parameters, p => Assert.Equal(p, (double)(float)p));
        }
    }

    [Fact]
    public void Draw_ZeroFeatures_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TorchLinearInit.Draw(new TorchGenerator(0), 0));
        Assert.Equal("inFeatures", error.ParamName);
    }
}
