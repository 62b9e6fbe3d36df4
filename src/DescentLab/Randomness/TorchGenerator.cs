using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DescentLab.Randomness;

/// <summary>Torch's CPU generator (<c>torch.Generator()</c>, the one <c>torch.manual_seed</c> seeds) with the draws of torch 1.13's CPU kernels, bit for bit.</summary>
/// <remarks>
/// Follows torch 1.13: <c>CPUGeneratorImpl</c> (aten/src/ATen/CPUGeneratorImpl.cpp) over <c>at::mt19937</c>
/// (aten/src/ATen/core/MT19937RNGEngine.h); the transforms of aten/src/ATen/core/TransformationHelper.h and
/// DistributionsHelper.h as the CPU kernels in aten/src/ATen/native/cpu/DistributionTemplates.h call them;
/// and <c>randperm_cpu</c> in aten/src/ATen/native/TensorFactories.cpp. Each method names the call it equals.
/// Not thread-safe (torch locks a mutex per call; here each run owns its generator). Draws allocate nothing.
/// </remarks>
public sealed partial class TorchGenerator
{
    private readonly Mt19937 _engine;

    /// <summary>A generator in the state <c>torch.Generator().manual_seed(seed)</c> (or <c>torch.manual_seed(seed)</c> for the default one) leaves.</summary>
    /// <remarks>mt19937 is seeded with the low 32 bits of the seed (<c>init_with_uint32</c>), so seeds equal modulo 2³² give equal streams.</remarks>
    public TorchGenerator(ulong seed)
    {
        InitialSeed = seed;
        _engine = new Mt19937(unchecked((uint)seed));
    }

    /// <summary>The seed last set, as <c>Generator.initial_seed()</c> reports it.</summary>
    public ulong InitialSeed { get; private set; }

    /// <summary>Reseeds in place as <c>Generator.manual_seed(seed)</c> does, without allocating (RandomSampler reseeds a generator every epoch).</summary>
    public void ManualSeed(ulong seed)
    {
        InitialSeed = seed;
        _engine.Seed(unchecked((uint)seed));
        _nextNormal = null;
    }

    /// <summary>One 32-bit output of the engine: <c>CPUGeneratorImpl::random()</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Random() => _engine.NextUInt32();

    /// <summary>One 64-bit output from two 32-bit draws, the first as the high word: <c>CPUGeneratorImpl::random64()</c>.</summary>
    public ulong Random64()
    {
        ulong hi = _engine.NextUInt32();
        ulong lo = _engine.NextUInt32();
        return (hi << 32) | lo;
    }

    /// <summary>One value of <c>torch.empty((), dtype=torch.int64).random_(generator=g)</c>: <c>random64() % 2⁶³</c>.</summary>
    /// <remarks>This is the draw a DataLoader makes for <c>_base_seed</c> and RandomSampler for its seed when it has no generator.</remarks>
    public long RandomInt64() => (long)(Random64() & long.MaxValue);

    /// <summary>One element of a float32 <c>tensor.uniform_(from, to, generator=g)</c>.</summary>
    /// <remarks>
    /// <c>transformation::uniform_real&lt;float&gt;</c> with <c>dist_acctype&lt;float&gt;</c> = float: x = (random() &amp; (2²⁴−1)) · 2⁻²⁴,
    /// then x·(to − from) + from in float. Torch's AVX2 and AVX-512 builds of the CPU kernel (it dispatches to AVX2 on
    /// x86-64 CPUs that have it, as Debian's torch 1.13 does) are compiled with FMA, which contracts that into a fused
    /// multiply-add, so this does too; with <c>ATEN_CPU_CAPABILITY=default</c> torch rounds the product first and, for most bounds, about half the
    /// values differ in the last bit (see <see cref="UniformSingleUnfused"/>). The bounds are torch's double arguments rounded to float.
    /// </remarks>
    public float UniformSingle(float from, float to)
    {
        ValidateUniform(from, to);
        return UniformSingleFused(Random(), from, to);
    }

    /// <summary>Fills <paramref name="destination"/> as a float32 <c>tensor.uniform_(from, to, generator=g)</c> does, one draw per element in order.</summary>
    public void UniformSingle(float from, float to, Span<float> destination)
    {
        ValidateUniform(from, to);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = UniformSingleFused(Random(), from, to);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with <c>torch.randperm(n, generator=g)</c> for n = its length.</summary>
    /// <remarks>
    /// torch 1.13 <c>randperm_cpu</c>: start from the identity, then for i = 0 … n−2 swap r[i] with r[i + random() % (n − i)].
    /// The modulo is exact: n − i &lt; 2³¹, so 32-bit unsigned arithmetic gives torch's int64 result, and divisors up to 2¹⁶
    /// use Lemire's fastmod with precomputed multipliers, which equals the remainder for every 32-bit dividend.
    /// </remarks>
    public void Randperm(Span<int> destination)
    {
        var n = destination.Length;
        for (var j = 0; j < n; j++)
        {
            destination[j] = j;
        }

        ref var r = ref MemoryMarshal.GetReference(destination);
        ref var multipliers = ref MemoryMarshal.GetArrayDataReference(FastModTable.Multipliers);
        var i = 0;
        while (i < n - 1)
        {
            // Draws are read a block at a time from the engine's buffer instead of one checked call each.
            var draws = _engine.Take(n - 1 - i);
            foreach (var random in draws)
            {
                var d = (uint)(n - i);
                var z = d <= FastModTable.Limit ? FastMod(random, Unsafe.Add(ref multipliers, d), d) : random % d;
                Swap(ref r, i, i + (int)z);
                i++;
            }
        }
    }

    /// <summary>One element of <c>torch.randint(high=n, size=..., dtype=torch.int64, generator=g)</c>: <c>random() % n</c>.</summary>
    /// <remarks>
    /// <c>uniform_int_from_to_distribution</c> draws 32 bits when the range is below 2³², which every positive int is;
    /// this is the draw <c>RandomSampler(replacement=True)</c> makes per index.
    /// </remarks>
    public int RandintBelow(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)(Random() % (uint)n);
    }

    /// <summary>Fills <paramref name="destination"/> as <c>torch.randint(high=n, size=(len,), generator=g)</c> does: <c>random() % n</c> each.</summary>
    /// <remarks>The same draws as calling <see cref="RandintBelow(int)"/> in turn, read a block at a time with a precomputed modulus.</remarks>
    public void RandintBelow(int n, Span<int> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        var d = (uint)n;
        var fast = d <= FastModTable.Limit;
        var multiplier = fast ? FastModTable.Multipliers[d] : 0;
        var i = 0;
        while (i < destination.Length)
        {
            foreach (var random in _engine.Take(destination.Length - i))
            {
                destination[i++] = (int)(fast ? FastMod(random, multiplier, d) : random % d);
            }
        }
    }

    /// <summary>The float32 uniform transform with a fused multiply-add, as torch's AVX2 and AVX-512 CPU kernels compute it.</summary>
    internal static float UniformSingleFused(uint random, float from, float to)
    {
        var x = (random & 0xFFFFFFu) * (1.0f / 16777216.0f);
        return MathF.FusedMultiplyAdd(x, to - from, from);
    }

    /// <summary>The float32 uniform transform with the product rounded first, as torch's default-capability CPU kernel computes it.</summary>
    internal static float UniformSingleUnfused(uint random, float from, float to)
    {
        var x = (random & 0xFFFFFFu) * (1.0f / 16777216.0f);
        var product = x * (to - from);
        return product + from;
    }

    /// <summary>a mod d from Lemire's fastmod: ((M·a mod 2⁶⁴)·d) / 2⁶⁴ with M = ⌈2⁶⁴/d⌉, exact for 32-bit a and d.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint FastMod(uint a, ulong multiplier, uint d)
    {
        var lowBits = multiplier * a;
        return (uint)Math.BigMul(lowBits, d, out _);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Swap(ref int r, int i, int j)
    {
        ref var a = ref Unsafe.Add(ref r, i);
        ref var b = ref Unsafe.Add(ref r, j);
        (a, b) = (b, a);
    }

    private static void ValidateUniform(float from, float to)
    {
        // uniform_impl_ checks from <= to and that to - from fits the dtype.
        if (!(from <= to))
        {
            throw new ArgumentException($"uniform_ expects to return a [from, to) range, but found from={from} > to={to}", nameof(from));
        }

        if (!float.IsFinite(to - from))
        {
            throw new ArgumentException($"uniform_ expects to-from <= std::numeric_limits<float>::max(), but found to={to} and from={from} which result in to-from to exceed the limit", nameof(to));
        }
    }

    // Lemire's fastmod multipliers ceil(2^64 / d) for the divisors n - i of randperm, shared by all generators and built on first use.
    private static class FastModTable
    {
        public const uint Limit = 1 << 16;

        public static readonly ulong[] Multipliers = Create();

        private static ulong[] Create()
        {
            var multipliers = new ulong[Limit + 1];
            for (var d = 2u; d <= Limit; d++)
            {
                multipliers[d] = (ulong.MaxValue / d) + 1;
            }

            // d = 1 would need 2^64; 0 gives 0, which is every number's remainder by 1.
            return multipliers;
        }
    }
}
