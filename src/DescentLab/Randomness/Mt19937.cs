using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DescentLab.Randomness;

/// <summary>The 32-bit Mersenne Twister MT19937, seeded with <c>init_genrand</c>, as used by NumPy's legacy RandomState and torch's CPU generator.</summary>
/// <remarks>
/// Follows Matsumoto and Nishimura's reference <c>genrand_int32</c>; NumPy's <c>mt19937_seed</c>/<c>mt19937_next</c>
/// (numpy/random/src/mt19937) and torch's <c>at::mt19937</c> (aten/src/ATen/core/MT19937RNGEngine.h) produce the same stream.
/// The 624-word state is regenerated a block at a time with SIMD and tempered in bulk into an output buffer,
/// so a draw is a buffer read; the block is computed lazily on the first draw, as both libraries do.
/// </remarks>
public sealed class Mt19937
{
    /// <summary>The number of 32-bit words in the state (and in one regenerated block).</summary>
    public const int StateSize = 624;

    private const int Shift = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] _state = new uint[StateSize];
    private readonly uint[] _output = new uint[StateSize];
    private int _index = StateSize;

    /// <summary>Seeds the generator as <c>init_genrand(seed)</c>: <c>np.random.seed(seed)</c> or <c>torch.manual_seed(seed)</c> for seeds below 2³².</summary>
    public Mt19937(uint seed) => Seed(seed);

    /// <summary>Reseeds the generator in place as <c>init_genrand(seed)</c>, discarding the rest of the current block.</summary>
    public void Seed(uint seed)
    {
        var state = _state;
        state[0] = seed;
        for (var i = 1; i < StateSize; i++)
        {
            var previous = state[i - 1];
            state[i] = (1812433253u * (previous ^ (previous >> 30))) + (uint)i;
        }

        _index = StateSize;
    }

    /// <summary>The next 32-bit output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        var i = _index;
        if (i >= StateSize)
        {
            Refill();
            i = 0;
        }

        _index = i + 1;
        return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_output), i);
    }

    /// <summary>Fills <paramref name="destination"/> with the next outputs, in order; equals calling <see cref="NextUInt32"/> once per element.</summary>
    public void Fill(Span<uint> destination)
    {
        while (!destination.IsEmpty)
        {
            if (_index >= StateSize)
            {
                Refill();
            }

            var count = Math.Min(StateSize - _index, destination.Length);
            _output.AsSpan(_index, count).CopyTo(destination);
            _index += count;
            destination = destination[count..];
        }
    }

    /// <summary>The next outputs, at most <paramref name="maxCount"/> and at most the rest of the current block, read in place and consumed.</summary>
    /// <remarks>Equals that many <see cref="NextUInt32"/> calls; the span is valid until the next draw from this generator.</remarks>
    internal ReadOnlySpan<uint> Take(int maxCount)
    {
        if (_index >= StateSize)
        {
            Refill();
        }

        var count = Math.Min(StateSize - _index, maxCount);
        var taken = new ReadOnlySpan<uint>(_output, _index, count);
        _index += count;
        return taken;
    }

    private void Refill()
    {
        Twist(_state);
        Temper(_state, _output);
        _index = 0;
    }

    /// <summary>Regenerates the state block in place (the reference <c>genrand_int32</c> refill), using the widest SIMD available.</summary>
    internal static void Twist(Span<uint> state)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            TwistVector512(state);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            TwistVector256(state);
        }
        else
        {
            TwistScalar(state);
        }
    }

    /// <summary>The reference refill, one word at a time.</summary>
    internal static void TwistScalar(Span<uint> state)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(state.Length, StateSize);
        for (var i = 0; i < StateSize; i++)
        {
            TwistOne(state, i);
        }
    }

    /// <summary>The refill eight words at a time.</summary>
    /// <remarks>
    /// Word i depends on the old words i and i+1 and on word (i+397) mod 624. For i &lt; 227 that word is still old;
    /// for i ≥ 227 it is the new word i−227, written at least 227 positions earlier, so lanes of width up to 227 never
    /// read a word they write. Only the wrap-around tails of the two ranges and the last word (which reads the new word 0) are scalar.
    /// </remarks>
    internal static void TwistVector256(Span<uint> state)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(state.Length, StateSize);
        ref var s = ref MemoryMarshal.GetReference(state);
        var upper = Vector256.Create(UpperMask);
        var lower = Vector256.Create(LowerMask);
        var one = Vector256.Create(1u);
        var matrix = Vector256.Create(MatrixA);
        const int width = 8;
        const int firstEnd = StateSize - Shift;
        var i = 0;
        for (; i + width <= firstEnd; i += width)
        {
            var y = (Vector256.LoadUnsafe(ref s, (nuint)i) & upper) | (Vector256.LoadUnsafe(ref s, (nuint)(i + 1)) & lower);
            var mag = (Vector256<uint>.Zero - (y & one)) & matrix;
            (Vector256.LoadUnsafe(ref s, (nuint)(i + Shift)) ^ (y >> 1) ^ mag).StoreUnsafe(ref s, (nuint)i);
        }

        for (; i < firstEnd; i++)
        {
            TwistOne(state, i);
        }

        for (; i + width <= StateSize - 1; i += width)
        {
            var y = (Vector256.LoadUnsafe(ref s, (nuint)i) & upper) | (Vector256.LoadUnsafe(ref s, (nuint)(i + 1)) & lower);
            var mag = (Vector256<uint>.Zero - (y & one)) & matrix;
            (Vector256.LoadUnsafe(ref s, (nuint)(i - firstEnd)) ^ (y >> 1) ^ mag).StoreUnsafe(ref s, (nuint)i);
        }

        for (; i < StateSize; i++)
        {
            TwistOne(state, i);
        }
    }

    /// <summary>The refill sixteen words at a time; see <see cref="TwistVector256"/> for why lanes never overlap.</summary>
    internal static void TwistVector512(Span<uint> state)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(state.Length, StateSize);
        ref var s = ref MemoryMarshal.GetReference(state);
        var upper = Vector512.Create(UpperMask);
        var lower = Vector512.Create(LowerMask);
        var one = Vector512.Create(1u);
        var matrix = Vector512.Create(MatrixA);
        const int width = 16;
        const int firstEnd = StateSize - Shift;
        var i = 0;
        for (; i + width <= firstEnd; i += width)
        {
            var y = (Vector512.LoadUnsafe(ref s, (nuint)i) & upper) | (Vector512.LoadUnsafe(ref s, (nuint)(i + 1)) & lower);
            var mag = (Vector512<uint>.Zero - (y & one)) & matrix;
            (Vector512.LoadUnsafe(ref s, (nuint)(i + Shift)) ^ (y >> 1) ^ mag).StoreUnsafe(ref s, (nuint)i);
        }

        for (; i < firstEnd; i++)
        {
            TwistOne(state, i);
        }

        for (; i + width <= StateSize - 1; i += width)
        {
            var y = (Vector512.LoadUnsafe(ref s, (nuint)i) & upper) | (Vector512.LoadUnsafe(ref s, (nuint)(i + 1)) & lower);
            var mag = (Vector512<uint>.Zero - (y & one)) & matrix;
            (Vector512.LoadUnsafe(ref s, (nuint)(i - firstEnd)) ^ (y >> 1) ^ mag).StoreUnsafe(ref s, (nuint)i);
        }

        for (; i < StateSize; i++)
        {
            TwistOne(state, i);
        }
    }

    /// <summary>Tempers a whole state block into <paramref name="output"/>.</summary>
    internal static void Temper(ReadOnlySpan<uint> state, Span<uint> output)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(state.Length, StateSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(output.Length, StateSize);
        var i = 0;
        ref var s = ref MemoryMarshal.GetReference(state);
        ref var o = ref MemoryMarshal.GetReference(output);
        if (Vector512.IsHardwareAccelerated)
        {
            var b = Vector512.Create(0x9d2c5680u);
            var c = Vector512.Create(0xefc60000u);
            for (; i + Vector512<uint>.Count <= StateSize; i += Vector512<uint>.Count)
            {
                var y = Vector512.LoadUnsafe(ref s, (nuint)i);
                y ^= y >> 11;
                y ^= (y << 7) & b;
                y ^= (y << 15) & c;
                y ^= y >> 18;
                y.StoreUnsafe(ref o, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var b = Vector256.Create(0x9d2c5680u);
            var c = Vector256.Create(0xefc60000u);
            for (; i + Vector256<uint>.Count <= StateSize; i += Vector256<uint>.Count)
            {
                var y = Vector256.LoadUnsafe(ref s, (nuint)i);
                y ^= y >> 11;
                y ^= (y << 7) & b;
                y ^= (y << 15) & c;
                y ^= y >> 18;
                y.StoreUnsafe(ref o, (nuint)i);
            }
        }

        for (; i < StateSize; i++)
        {
            output[i] = TemperOne(state[i]);
        }
    }

    /// <summary>The reference tempering of one state word.</summary>
    internal static uint TemperOne(uint y)
    {
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    private static void TwistOne(Span<uint> state, int i)
    {
        var y = (state[i] & UpperMask) | (state[(i + 1) % StateSize] & LowerMask);
        state[i] = state[(i + Shift) % StateSize] ^ (y >> 1) ^ ((0u - (y & 1u)) & MatrixA);
    }
}
