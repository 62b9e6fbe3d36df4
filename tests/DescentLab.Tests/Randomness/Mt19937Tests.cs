using CsCheck;
using DescentLab.Randomness;

namespace DescentLab.Tests.Randomness;

public class Mt19937Tests
{
    public static TheoryData<string> Seeds() => ["0", "1", "2", "12345", "4294967295"];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void NextUInt32_GoldenSeed_MatchesNumPyRawStream(string seed)
    {
        // NumPy's legacy randint over the full uint32 range returns the raw MT19937 outputs; bit-exact.
        var expected = RandomGolden.UInt32s(RandomGolden.Load("mt19937.json").GetProperty(seed));
        var generator = new Mt19937(uint.Parse(seed, System.Globalization.CultureInfo.InvariantCulture));
        var actual = new uint[expected.Length];
        for (var i = 0; i < actual.Length; i++)
        {
            actual[i] = generator.NextUInt32();
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void NextUInt32_DefaultSeed_TenThousandthOutputMatchesCppStandard()
    {
        // The C++ standard ([rand.predef]) requires the 10000th output of a default-constructed std::mt19937 (seed 5489) to be 4123659995.
        var generator = new Mt19937(5489);
        uint value = 0;
        for (var i = 0; i < 10000; i++)
        {
            value = generator.NextUInt32();
        }

        Assert.Equal(4123659995u, value);
    }

    [Fact]
    public void Seed_MidBlock_EqualsFreshGenerator()
    {
        var reused = new Mt19937(9);
        var scratch = new uint[700];
        reused.Fill(scratch);
        reused.Seed(4);
        var fresh = new Mt19937(4);
        for (var i = 0; i < 1300; i++)
        {
            Assert.Equal(fresh.NextUInt32(), reused.NextUInt32());
        }
    }

    [Fact]
    public void Fill_AnySplit_EqualsSingleDraws()
    {
        Gen.Select(Gen.UInt, Gen.Int[0, 1500].Array[1, 6]).Sample((seed, lengths) =>
        {
            var single = new Mt19937(seed);
            var filled = new Mt19937(seed);
            foreach (var length in lengths)
            {
                var buffer = new uint[length];
                filled.Fill(buffer);
                for (var i = 0; i < length; i++)
                {
                    Assert.Equal(single.NextUInt32(), buffer[i]);
                }
            }

            Assert.Equal(single.NextUInt32(), filled.NextUInt32());
        }, iter: 200);
    }

    [Fact]
    public void Take_AnyCounts_EqualsSingleDrawsAndStopsAtBlockEnd()
    {
        Gen.Select(Gen.UInt, Gen.Int[1, 900].Array[1, 6]).Sample((seed, counts) =>
        {
            var single = new Mt19937(seed);
            var taking = new Mt19937(seed);
            foreach (var count in counts)
            {
                var taken = taking.Take(count).ToArray();
                Assert.InRange(taken.Length, 1, Math.Min(count, Mt19937.StateSize));
                Assert.All(taken, value => Assert.Equal(single.NextUInt32(), value));
            }

            Assert.Equal(single.NextUInt32(), taking.NextUInt32());
        }, iter: 200);
    }

    [Fact]
    public void Twist_VectorPaths_EqualScalarReference()
    {
        Gen.UInt.Array[Mt19937.StateSize].Sample(state =>
        {
            var scalar = (uint[])state.Clone();
            var v256 = (uint[])state.Clone();
            var v512 = (uint[])state.Clone();
            var dispatched = (uint[])state.Clone();
            Mt19937.TwistScalar(scalar);
            Mt19937.TwistVector256(v256);
            Mt19937.TwistVector512(v512);
            Mt19937.Twist(dispatched);
            Assert.Equal(scalar, v256);
            Assert.Equal(scalar, v512);
            Assert.Equal(scalar, dispatched);
        }, iter: 200);
    }

    [Fact]
    public void Temper_Block_EqualsWordByWordTempering()
    {
        Gen.UInt.Array[Mt19937.StateSize].Sample(state =>
        {
            var output = new uint[Mt19937.StateSize];
            Mt19937.Temper(state, output);
            Assert.Equal(state.Select(Mt19937.TemperOne), output);
        }, iter: 100);
    }
}
