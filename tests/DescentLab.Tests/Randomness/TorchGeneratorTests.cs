using System.Text.Json;
using CsCheck;
using DescentLab.Randomness;

namespace DescentLab.Tests.Randomness;

public class TorchGeneratorTests
{
    // Seeds 0, 1, 2, 12345, 2^32 − 1, 2^32 + 7 and 2^40 + 12345; every comparison is exact (integers, or float32 values
    // from integer arithmetic, one fused multiply-add and exact rounding to float).
    public static TheoryData<int> CaseIndices() => [0, 1, 2, 3, 4, 5, 6];

    private static JsonElement Case(int index) => RandomGolden.Load("torch.json").GetProperty("cases")[index];

    private static TorchGenerator Generator(JsonElement golden) => new(golden.GetProperty("seed").GetUInt64());

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Random_GoldenSeed_MatchesRandintStream(int caseIndex)
    {
        // torch.randint(0, 2**32 - 1) draws random() and reduces it modulo 2^32 − 1, so it shows the raw stream but for 2^32 − 1.
        var golden = Case(caseIndex);
        var expected = RandomGolden.Int64s(golden.GetProperty("randint_raw"));
        var generator = Generator(golden);
        var actual = expected.Select(_ => (long)(generator.Random() % 4294967295u)).ToArray();
        Assert.Equal(expected, actual);
        Assert.Equal(golden.GetProperty("initial_seed").GetUInt64(), generator.InitialSeed);
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void RandomInt64_GoldenSeed_MatchesRandomUnderscoreOnInt64(int caseIndex)
    {
        var golden = Case(caseIndex);
        var expected = RandomGolden.Int64s(golden.GetProperty("random_int64"));
        var generator = Generator(golden);
        Assert.Equal(expected, expected.Select(_ => generator.RandomInt64()));
    }

    [Fact]
    public void Random64_AnySeed_IsFirstDrawHighSecondDrawLow()
    {
        Gen.ULong.Sample(seed =>
        {
            var pairs = new TorchGenerator(seed);
            var singles = new TorchGenerator(seed);
            var value = pairs.Random64();
            Assert.Equal(singles.Random(), (uint)(value >> 32));
            Assert.Equal(singles.Random(), (uint)value);
        }, iter: 100);
    }

    [Fact]
    public void ManualSeed_AfterDraws_RestartsTheStream()
    {
        var fresh = new TorchGenerator(12345);
        var reused = new TorchGenerator(1);
        reused.RandomInt64();
        var scratch = new int[30];
        reused.Randperm(scratch);
        reused.ManualSeed(12345);
        Assert.Equal(12345UL, reused.InitialSeed);
        Assert.Equal(Enumerable.Range(0, 1000).Select(_ => fresh.Random()), Enumerable.Range(0, 1000).Select(_ => reused.Random()));
    }

    [Fact]
    public void Constructor_SeedsEqualModulo2To32_GiveEqualStreams()
    {
        var low = new TorchGenerator(7);
        var high = new TorchGenerator((1UL << 32) + 7);
        Assert.Equal(Enumerable.Range(0, 700).Select(_ => low.Random()), Enumerable.Range(0, 700).Select(_ => high.Random()));
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void UniformSingle_GoldenSeed_MatchesFloat32UniformUnderscore(int caseIndex)
    {
        var golden = Case(caseIndex);
        foreach (var call in golden.GetProperty("uniform").EnumerateArray())
        {
            // torch casts the double bounds to float before the kernel runs.
            var from = (float)call.GetProperty("from").GetDouble();
            var to = (float)call.GetProperty("to").GetDouble();
            var expected = RandomGolden.Singles(call.GetProperty("values"));

            var bySpan = new float[expected.Length];
            Generator(golden).UniformSingle(from, to, bySpan);
            Assert.Equal(expected, bySpan);

            var scalar = Generator(golden);
            Assert.Equal(expected, expected.Select(_ => scalar.UniformSingle(from, to)));
        }
    }

    [Fact]
    public void UniformSingleUnfused_DefaultCapabilityGolden_MatchesTorch()
    {
        // The golden values come from torch run with ATEN_CPU_CAPABILITY=default, whose kernel rounds the product before adding.
        var golden = RandomGolden.Load("torch_default_capability.json");
        var differences = 0;
        foreach (var call in golden.GetProperty("cases").EnumerateArray())
        {
            var from = (float)call.GetProperty("from").GetDouble();
            var to = (float)call.GetProperty("to").GetDouble();
            var expected = RandomGolden.Singles(call.GetProperty("values"));
            var generator = Generator(call);
            var actual = new float[expected.Length];
            var fused = new float[expected.Length];
            for (var i = 0; i < actual.Length; i++)
            {
                var random = generator.Random();
                actual[i] = TorchGenerator.UniformSingleUnfused(random, from, to);
                fused[i] = TorchGenerator.UniformSingleFused(random, from, to);
            }

            Assert.Equal(expected, actual);
            differences += expected.Zip(fused).Count(p => p.First != p.Second);
        }

        // The two kernels really differ, which is why UniformSingle has to pick the fused one.
        Assert.True(differences > 100, $"Only {differences} values differ between the fused and unfused transforms.");
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Randperm_GoldenSeed_MatchesTorchRandperm(int caseIndex)
    {
        var golden = Case(caseIndex);
        foreach (var entry in golden.GetProperty("randperm").EnumerateObject())
        {
            var expected = RandomGolden.Int32s(entry.Value);
            var actual = new int[int.Parse(entry.Name, System.Globalization.CultureInfo.InvariantCulture)];
            Generator(golden).Randperm(actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Randperm_LargerThanFastModTable_EqualsReferenceLoop()
    {
        // randperm_cpu's loop with a plain modulo, for an n whose first divisors exceed the fastmod table.
        const int n = 70_000;
        var reference = new TorchGenerator(99);
        var expected = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < n - 1; i++)
        {
            var z = (int)(reference.Random() % (uint)(n - i));
            (expected[i], expected[i + z]) = (expected[i + z], expected[i]);
        }

        var generator = new TorchGenerator(99);
        var actual = new int[n];
        generator.Randperm(actual);
        Assert.Equal(expected, actual);
        Assert.Equal(reference.Random(), generator.Random());
    }

    [Fact]
    public void Randperm_AnyLength_IsPermutationUsingNMinusOneDraws()
    {
        Gen.Select(Gen.ULong, Gen.Int[0, 700]).Sample((seed, n) =>
        {
            var generator = new TorchGenerator(seed);
            var permutation = new int[n];
            generator.Randperm(permutation);
            Assert.Equal(Enumerable.Range(0, n), permutation.Order());

            var counter = new TorchGenerator(seed);
            for (var i = 0; i < n - 1; i++)
            {
                counter.Random();
            }

            Assert.Equal(counter.Random(), generator.Random());
        }, iter: 200);
    }

    [Fact]
    public void FastMod_AnyDividendAndTableDivisor_EqualsRemainder()
    {
        Gen.Select(Gen.UInt, Gen.UInt[1, 1 << 16]).Sample((a, d) =>
        {
            var multiplier = d == 1 ? 0UL : (ulong.MaxValue / d) + 1;
            Assert.Equal(a % d, TorchGenerator.FastMod(a, multiplier, d));
        }, iter: 100_000);

        foreach (var a in new[] { 0u, 1u, uint.MaxValue, uint.MaxValue - 1, 1u << 31 })
        {
            for (var d = 1u; d <= 1u << 16; d += 97)
            {
                var multiplier = d == 1 ? 0UL : (ulong.MaxValue / d) + 1;
                Assert.Equal(a % d, TorchGenerator.FastMod(a, multiplier, d));
            }
        }
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void RandintBelow_GoldenSeed_MatchesTorchRandint(int caseIndex)
    {
        var golden = Case(caseIndex);
        foreach (var call in golden.GetProperty("randint").EnumerateArray())
        {
            var high = call.GetProperty("high").GetInt32();
            var expected = RandomGolden.Int32s(call.GetProperty("values"));
            var generator = Generator(golden);
            Assert.Equal(expected, expected.Select(_ => generator.RandintBelow(high)));
        }
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void RandintBelowSpan_GoldenSeed_MatchesTorchRandint(int caseIndex)
    {
        var golden = Case(caseIndex);
        foreach (var call in golden.GetProperty("randint").EnumerateArray())
        {
            var expected = RandomGolden.Int32s(call.GetProperty("values"));
            var actual = new int[expected.Length];
            Generator(golden).RandintBelow(call.GetProperty("high").GetInt32(), actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void RandintBelowSpan_LargeRangeAndLongFill_EqualsScalarDraws()
    {
        foreach (var high in new[] { 1, 7, 100, 65536, 65537, int.MaxValue })
        {
            var bulk = new int[1500];
            new TorchGenerator(42).RandintBelow(high, bulk);
            var scalar = new TorchGenerator(42);
            Assert.Equal(bulk, bulk.Select(_ => scalar.RandintBelow(high)).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Calls_MixedSequenceOnOneGenerator_MatchTorch(int caseIndex)
    {
        var golden = Case(caseIndex);
        var generator = Generator(golden);
        foreach (var call in golden.GetProperty("mixed").EnumerateArray())
        {
            switch (call.GetProperty("op").GetString())
            {
                case "randperm":
                    var permutation = new int[call.GetProperty("n").GetInt32()];
                    generator.Randperm(permutation);
                    Assert.Equal(RandomGolden.Int32s(call.GetProperty("values")), permutation);
                    break;
                case "uniform":
                    var expected = RandomGolden.Singles(call.GetProperty("values"));
                    var from = (float)call.GetProperty("from").GetDouble();
                    var to = (float)call.GetProperty("to").GetDouble();
                    Assert.Equal(expected, expected.Select(_ => generator.UniformSingle(from, to)).ToArray());
                    break;
                case "random_int64":
                    Assert.Equal(RandomGolden.Int64s(call.GetProperty("values")), new[] { generator.RandomInt64() });
                    break;
                case "randint":
                    var high = call.GetProperty("high").GetInt32();
                    var values = RandomGolden.Int32s(call.GetProperty("values"));
                    Assert.Equal(values, values.Select(_ => generator.RandintBelow(high)).ToArray());
                    break;
                default:
                    Assert.Fail("Unknown op.");
                    break;
            }
        }
    }

    [Fact]
    public void UniformSingle_FromAboveTo_ThrowsNamingFrom()
    {
        var error = Assert.Throws<ArgumentException>(() => new TorchGenerator(0).UniformSingle(1f, 0f));
        Assert.Equal("from", error.ParamName);
        Assert.Throws<ArgumentException>(() => new TorchGenerator(0).UniformSingle(-float.MaxValue, float.MaxValue));
    }

    [Fact]
    public void RandintBelow_NonPositive_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TorchGenerator(0).RandintBelow(0));
        Assert.Equal("n", error.ParamName);
    }
}
