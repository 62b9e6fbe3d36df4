using System.Text.Json;
using CsCheck;
using DescentLab.Randomness;
using DescentLab.Sampling;
using DescentLab.Tests.Support;

namespace DescentLab.Tests.Sampling;

public class BatchSamplerTests
{
    public static TheoryData<int> GoldenCases()
    {
        using var golden = Golden.Load("samplers", "batches.json");
        var data = new TheoryData<int>();
        for (var i = 0; i < golden.RootElement.GetProperty("cases").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void BeginEpoch_GoldenCase_YieldsPyTorchBatchesAndDraws(int index)
    {
        using var golden = Golden.Load("samplers", "batches.json");
        var c = golden.RootElement.GetProperty("cases")[index];
        var kind = c.GetProperty("kind").GetString() switch
        {
            "sequential" => SamplerKind.Sequential,
            "reshuffle" => SamplerKind.Reshuffle,
            _ => SamplerKind.WithReplacement,
        };
        var n = c.GetProperty("n").GetInt32();
        var options = new SamplerOptions { Kind = kind, BatchSize = c.GetProperty("batch_size").GetInt32(), DropLast = c.GetProperty("drop_last").GetBoolean() };
        var global = new TorchGenerator((ulong)c.GetProperty("seed").GetInt32());
        var own = c.GetProperty("own_seed");
        var stream = own.ValueKind == JsonValueKind.Null
            ? LoaderRandomness.Global(global)
            : LoaderRandomness.Private(new TorchGenerator((ulong)own.GetInt32()));
        var sampler = new BatchSampler(options, n, stream);

        var epochs = c.GetProperty("epochs");
        foreach (var epoch in epochs.EnumerateArray())
        {
            sampler.BeginEpoch();
            Assert.Equal(epoch.GetArrayLength(), sampler.BatchesPerEpoch);
            var k = 0;
            foreach (var batch in epoch.EnumerateArray())
            {
                Assert.Equal([.. batch.EnumerateArray().Select(e => e.GetInt32())], sampler.Batch(k++).ToArray());
            }
        }

        // The next global draw agrees only if the sampler made exactly the loader's draws from the global stream.
        Assert.Equal(c.GetProperty("global_next_int64").GetInt64(), global.RandomInt64());
    }

    [Fact]
    public void BeginEpoch_WithoutReplacementSamplers_CoverEveryIndexOncePerEpoch()
    {
        var gen = Gen.Select(Gen.Int[1, 300], Gen.Int[1, 300], Gen.Bool, Gen.UInt, Gen.Int[0, 2]);
        gen.Sample((n, batch, dropLast, seed, k) =>
        {
            batch = Math.Min(batch, n);
            var kind = new[] { SamplerKind.Sequential, SamplerKind.Reshuffle, SamplerKind.ShuffleOnce }[k];
            var options = new SamplerOptions { Kind = kind, BatchSize = batch, DropLast = dropLast };
            var sampler = new BatchSampler(options, n, LoaderRandomness.Private(new TorchGenerator(seed)));
            for (var epoch = 0; epoch < 3; epoch++)
            {
                sampler.BeginEpoch();
                var seen = new List<int>();
                for (var b = 0; b < sampler.BatchesPerEpoch; b++)
                {
                    seen.AddRange(sampler.Batch(b).ToArray());
                }

                var expected = dropLast ? n / batch * batch : n;
                if (seen.Count != expected || seen.Distinct().Count() != expected || seen.Any(i => i < 0 || i >= n))
                {
                    return false;
                }

                if (!dropLast && !seen.Order().SequenceEqual(Enumerable.Range(0, n)))
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Fact]
    public void BeginEpoch_ShuffleOnce_KeepsOneOrderAcrossEpochs()
    {
        var sampler = new BatchSampler(new SamplerOptions { Kind = SamplerKind.ShuffleOnce, BatchSize = 10 }, 30, LoaderRandomness.Private(new TorchGenerator(3)));
        sampler.BeginEpoch();
        var first = Enumerable.Range(0, 3).SelectMany(b => sampler.Batch(b).ToArray()).ToArray();
        sampler.BeginEpoch();
        var second = Enumerable.Range(0, 3).SelectMany(b => sampler.Batch(b).ToArray()).ToArray();
        Assert.Equal(first, second);
        Assert.NotEqual(Enumerable.Range(0, 30), first);
    }

    [Fact]
    public void BatchesPerEpoch_BatchLargerThanData_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new SamplerOptions { BatchSize = 101 }.BatchesPerEpoch(100));
        Assert.Contains("batch size 101 is larger than the 100 samples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchSize_Zero_ThrowsWithPyTorchMessage()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SamplerOptions { BatchSize = 0 });
        Assert.Contains("batch_size should be a positive integer value, but got batch_size=0", error.Message, StringComparison.Ordinal);
    }
}
