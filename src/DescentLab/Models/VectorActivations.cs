using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DescentLab.Models;

/// <summary>The hidden-layer nonlinearities and their derivatives, a vector of units at a time.</summary>
internal static class VectorActivations
{
    /// <summary>Below this |x| tanh is its Taylor series; from here on 1 − 2/(e^(2|x|) + 1), which has no cancellation there.</summary>
    private const double SeriesLimit = 0.35;

    // tanh(x) = x + x³·(C1 + C2·x² + … + C13·x²⁴) + O(x²⁹): the Taylor coefficients 2²ⁿ(2²ⁿ − 1)B₂ₙ/(2n)! (Bernoulli
    // numbers B₂ₙ), each the double nearest its fraction. At |x| = 0.35 the first dropped term is 5e-19 of tanh x.
    private const double C1 = -0.3333333333333333; // -1/3
    private const double C2 = 0.13333333333333333; // 2/15
    private const double C3 = -0.05396825396825397; // -17/315
    private const double C4 = 0.021869488536155203; // 62/2835
    private const double C5 = -0.008863235529902197; // -1382/155925
    private const double C6 = 0.003592128036572481; // 21844/6081075
    private const double C7 = -0.0014558343870513183; // -929569/638512875
    private const double C8 = 0.000590027440945586; // 6404582/10854718875
    private const double C9 = -0.00023912911424355248; // -443861162/1856156927625
    private const double C10 = 9.691537956929451e-5; // 18888466084/194896477400625
    private const double C11 = -3.927832388331683e-5; // -113927491862/2900518163668125
    private const double C12 = 1.5918905069328964e-5; // 58870668456604/3698160658676859375
    private const double C13 = -6.451689215655431e-6; // -8374643517010684/1298054391195577640625

    // e^y for 0 ≤ y ≤ 40 as 2ⁿ·e^r: n = y/ln 2 rounded to nearest, r = y − n·ln 2 with ln 2 split in two (Cody and
    // Waite), |r| ≤ 0.347, e^r by its Taylor series to r¹³ (the first dropped term is 4e-18 of e^r).
    private const double InverseLn2 = 1.4426950408889634;
    private const double Ln2High = 0.6931471803691238; // 32 significant bits: n·Ln2High is exact
    private const double Ln2Low = 1.9082149292705877e-10; // ln 2 − Ln2High
    private const double RoundingShift = 6755399441055744.0; // 1.5·2⁵²: adding it rounds to an integer
    private const double ExpLimit = 40; // 1 − 2/(e⁴⁰ + 1) is 1.0 in double, so tanh is 1 from |x| = 20 on

    /// <summary>
    /// tanh of every lane, within a few ulps of <see cref="Math.Tanh"/> (the tests bound the difference at 1e-15
    /// relative), odd and exact at ±0, ±1 at ±∞, NaN at NaN; the same bits on every vector width and without vector
    /// instructions.
    /// </summary>
    public static Vector<double> Tanh(Vector<double> x) => Tanh(new LanesN(x)).Value;

    /// <summary>tanh of every lane, as <see cref="Tanh(Vector{double})"/> on any lane type.</summary>
    /// <remarks>
    /// A branch no lane needs is skipped (the series when every |x| ≥ 0.35, the exponential when every |x| &lt; 0.35);
    /// each lane's result is the same either way.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Tanh<T>(T x)
        where T : struct, ILanes<T>
    {
        var ax = T.Abs(x);
        var isSmall = T.LessThan(ax, T.Create(SeriesLimit));
        var small = T.Zero;
        var large = T.Zero;
        if (T.Any(isSmall))
        {
            var x2 = ax * ax;
            var p = T.Create(C13);
            p = (p * x2) + T.Create(C12);
            p = (p * x2) + T.Create(C11);
            p = (p * x2) + T.Create(C10);
            p = (p * x2) + T.Create(C9);
            p = (p * x2) + T.Create(C8);
            p = (p * x2) + T.Create(C7);
            p = (p * x2) + T.Create(C6);
            p = (p * x2) + T.Create(C5);
            p = (p * x2) + T.Create(C4);
            p = (p * x2) + T.Create(C3);
            p = (p * x2) + T.Create(C2);
            p = (p * x2) + T.Create(C1);
            small = ax + (ax * x2 * p);
        }

        if (!T.All(isSmall))
        {
            large = T.One - (T.Create(2.0) / (ExpUpTo40(ax + ax) + T.One));
        }

        var result = T.WithSignOf(T.Select(isSmall, small, large), x);
        return T.Select(T.IsNotNaN(x), result, x);
    }

    /// <summary>
    /// e^y for 0 ≤ y (clamped to 40), within 2 ulps. Plain multiplications and additions only (no fused multiply-add),
    /// so every vector width and the scalar fallback give the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ExpUpTo40<T>(T y)
        where T : struct, ILanes<T>
    {
        y = T.Select(T.LessThan(y, T.Create(ExpLimit)), y, T.Create(ExpLimit));
        var shift = T.Create(RoundingShift);
        var shifted = (y * T.Create(InverseLn2)) + shift;
        var n = shifted - shift;
        var r = (y - (n * T.Create(Ln2High))) - (n * T.Create(Ln2Low));
        var p = T.Create(1.6059043836821613e-10); // 1/13!
        p = (p * r) + T.Create(2.08767569878681e-09); // 1/12!
        p = (p * r) + T.Create(2.505210838544172e-08); // 1/11!
        p = (p * r) + T.Create(2.755731922398589e-07); // 1/10!
        p = (p * r) + T.Create(2.7557319223985893e-06); // 1/9!
        p = (p * r) + T.Create(2.48015873015873e-05); // 1/8!
        p = (p * r) + T.Create(0.0001984126984126984); // 1/7!
        p = (p * r) + T.Create(0.001388888888888889); // 1/6!
        p = (p * r) + T.Create(0.008333333333333333); // 1/5!
        p = (p * r) + T.Create(0.041666666666666664); // 1/4!
        p = (p * r) + T.Create(0.16666666666666666); // 1/3!
        p = (p * r) + T.Create(0.5);
        p = (p * r) + T.One;
        p = (p * r) + T.One;

        // 2ⁿ from its bits: n sits in the low bits of the shifted sum; the biased exponent n + 1023 goes to bits 52–62.
        return p * T.PowerOfTwo(shifted, shift);
    }

    /// <summary>post = act(pre), unit by unit.</summary>
    public static void Apply<T>(Activation activation, ReadOnlySpan<double> pre, Span<double> post)
        where T : struct, ILanes<T>
    {
        var n = pre.Length;
        var width = T.Count;
        ref var z = ref MemoryMarshal.GetReference(pre);
        ref var y = ref MemoryMarshal.GetReference(post[..n]);
        var j = 0;
        switch (activation)
        {
            case Activation.Tanh:
                for (; j + width <= n; j += width)
                {
                    Tanh(T.Load(ref z, (nuint)j)).Store(ref y, (nuint)j);
                }

                break;
            case Activation.Sigmoid:
                for (; j + width <= n; j += width)
                {
                    Sigmoid(pre.Slice(j, width), post.Slice(j, width));
                }

                break;
            default:
                for (; j + width <= n; j += width)
                {
                    var zj = T.Load(ref z, (nuint)j);
                    T.Select(T.GreaterThan(zj, T.Zero), zj, T.Zero).Store(ref y, (nuint)j);
                }

                break;
        }

        if (j < n)
        {
            ApplyTail<T>(activation, pre[j..], post[j..n]);
        }
    }

    /// <summary>error ← error · act′ at the unit, from its input <paramref name="pre"/> and output <paramref name="post"/>.</summary>
    public static void Derivative<T>(Activation activation, ReadOnlySpan<double> pre, ReadOnlySpan<double> post, Span<double> error)
        where T : struct, ILanes<T>
    {
        var n = error.Length;
        var width = T.Count;
        ref var z = ref MemoryMarshal.GetReference(pre[..n]);
        ref var y = ref MemoryMarshal.GetReference(post[..n]);
        ref var e = ref MemoryMarshal.GetReference(error);
        var k = 0;
        for (; k + width <= n; k += width)
        {
            var below = T.Load(ref e, (nuint)k);
            var yk = T.Load(ref y, (nuint)k);
            below = activation switch
            {
                Activation.Tanh => below * (T.One - (yk * yk)),
                Activation.Sigmoid => below * ((T.One - yk) * yk),
                _ => T.Select(T.GreaterThan(T.Load(ref z, (nuint)k), T.Zero), below, T.Zero),
            };
            below.Store(ref e, (nuint)k);
        }

        for (; k < n; k++)
        {
            error[k] = activation switch
            {
                Activation.Tanh => error[k] * (1 - (post[k] * post[k])),
                Activation.Sigmoid => error[k] * ((1 - post[k]) * post[k]),
                _ => pre[k] > 0 ? error[k] : 0.0,
            };
        }
    }

    /// <summary>1/(1 + e^(−z)) value by value with <see cref="Math.Exp"/>, as the scalar kernel computed it.</summary>
    private static void Sigmoid(ReadOnlySpan<double> pre, Span<double> post)
    {
        for (var i = 0; i < pre.Length; i++)
        {
            post[i] = 1 / (1 + Math.Exp(-pre[i]));
        }
    }

    /// <summary>The last units that do not fill a vector go through the same vector code, so every unit gets the same function.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ApplyTail<T>(Activation activation, ReadOnlySpan<double> pre, Span<double> post)
        where T : struct, ILanes<T>
    {
        Span<double> lanes = stackalloc double[T.Count];
        lanes.Clear();
        pre.CopyTo(lanes);
        Apply<T>(activation, lanes, lanes);
        lanes[..post.Length].CopyTo(post);
    }
}
