using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DescentLab.Models;

/// <summary>
/// A vector of doubles as the network kernels use it, so one kernel source runs on 512-bit registers where the
/// processor has them and on <see cref="Vector{T}"/> elsewhere. The JIT compiles a generic method once per lane type
/// (they are structs), so the wrapper costs nothing.
/// </summary>
/// <remarks>
/// Only separately rounded multiplications and additions are offered (no fused multiply-add), so every lane type and
/// the scalar fallback without vector instructions give the same bits.
/// </remarks>
/// <typeparam name="TSelf">The lane type itself.</typeparam>
internal interface ILanes<TSelf>
    where TSelf : struct, ILanes<TSelf>
{
    /// <summary>Doubles in one vector.</summary>
    static abstract int Count { get; }

    static abstract TSelf Zero { get; }

    static abstract TSelf One { get; }

    static abstract TSelf Create(double value);

    static abstract TSelf Load(ref double source, nuint offset);

    void Store(ref double destination, nuint offset);

    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf left, TSelf right);

    static abstract TSelf operator *(TSelf left, TSelf right);

    static abstract TSelf operator /(TSelf left, TSelf right);

    static abstract TSelf Abs(TSelf value);

    /// <summary>All bits set in the lanes where left &lt; right, clear elsewhere.</summary>
    static abstract TSelf LessThan(TSelf left, TSelf right);

    /// <summary>All bits set in the lanes where left &gt; right, clear elsewhere.</summary>
    static abstract TSelf GreaterThan(TSelf left, TSelf right);

    /// <summary>All bits set in the lanes that are not NaN.</summary>
    static abstract TSelf IsNotNaN(TSelf value);

    /// <summary>Whether any lane of a mask is set.</summary>
    static abstract bool Any(TSelf mask);

    /// <summary>Whether every lane of a mask is set.</summary>
    static abstract bool All(TSelf mask);

    /// <summary>Lanes of <paramref name="whenSet"/> where the mask is set, of <paramref name="whenClear"/> elsewhere.</summary>
    static abstract TSelf Select(TSelf mask, TSelf whenSet, TSelf whenClear);

    /// <summary><paramref name="magnitude"/> (non-negative) with the sign bit of <paramref name="sign"/>.</summary>
    static abstract TSelf WithSignOf(TSelf magnitude, TSelf sign);

    /// <summary>
    /// 2ⁿ for the integer n held in the low bits of <paramref name="shifted"/> = n + <paramref name="shift"/>, where
    /// <paramref name="shift"/> is 1.5·2⁵² (adding it rounded n to an integer); n + 1023 goes to the exponent bits.
    /// </summary>
    static abstract TSelf PowerOfTwo(TSelf shifted, TSelf shift);
}

/// <summary>512-bit lanes (eight doubles), used where <see cref="Vector512.IsHardwareAccelerated"/>.</summary>
internal readonly struct Lanes512(Vector512<double> value) : ILanes<Lanes512>
{
    private readonly Vector512<double> _value = value;

    public static int Count => Vector512<double>.Count;

    public static Lanes512 Zero => new(Vector512<double>.Zero);

    public static Lanes512 One => new(Vector512<double>.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Create(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(ref double source, nuint offset) => new(Vector512.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nuint offset) => _value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator +(Lanes512 left, Lanes512 right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator -(Lanes512 left, Lanes512 right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator *(Lanes512 left, Lanes512 right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator /(Lanes512 left, Lanes512 right) => new(left._value / right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Abs(Lanes512 value) => new(Vector512.Abs(value._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 LessThan(Lanes512 left, Lanes512 right) => new(Vector512.LessThan(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 GreaterThan(Lanes512 left, Lanes512 right) => new(Vector512.GreaterThan(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 IsNotNaN(Lanes512 value) => new(Vector512.Equals(value._value, value._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Lanes512 mask) => mask._value.AsUInt64() != Vector512<ulong>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Lanes512 mask) => mask._value.AsUInt64() == Vector512<ulong>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Select(Lanes512 mask, Lanes512 whenSet, Lanes512 whenClear) => new(Vector512.ConditionalSelect(mask._value, whenSet._value, whenClear._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 WithSignOf(Lanes512 magnitude, Lanes512 sign) =>
        new((magnitude._value.AsUInt64() | (sign._value.AsUInt64() & Vector512.Create(0x8000_0000_0000_0000UL))).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 PowerOfTwo(Lanes512 shifted, Lanes512 shift) =>
        new(Vector512.ShiftLeft(shifted._value.AsUInt64() - shift._value.AsUInt64() + Vector512.Create(1023UL), 52).AsDouble());
}

/// <summary><see cref="Vector{T}"/> lanes: 256 bits on most processors, emulated lane by lane without vector instructions.</summary>
internal readonly struct LanesN(Vector<double> value) : ILanes<LanesN>
{
    private readonly Vector<double> _value = value;

    public static int Count => Vector<double>.Count;

    public static LanesN Zero => new(Vector<double>.Zero);

    public static LanesN One => new(Vector<double>.One);

    /// <summary>The lanes as a <see cref="Vector{T}"/>.</summary>
    public Vector<double> Value => _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesN Create(double value) => new(new Vector<double>(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesN Load(ref double source, nuint offset) => new(Vector.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nuint offset) => _value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesN operator +(LanesN left, LanesN right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesN operator -(LanesN left, LanesN right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesN operator *(LanesN left, LanesN right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesN operator /(LanesN left, LanesN right) => new(left._value / right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesN Abs(LanesN value) => new(Vector.Abs(value._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesN LessThan(LanesN left, LanesN right) => new(Vector.AsVectorDouble(Vector.LessThan(left._value, right._value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesN GreaterThan(LanesN left, LanesN right) => new(Vector.AsVectorDouble(Vector.GreaterThan(left._value, right._value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesN IsNotNaN(LanesN value) => new(Vector.AsVectorDouble(Vector.Equals(value._value, value._value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(LanesN mask) => Vector.AsVectorUInt64(mask._value) != Vector<ulong>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(LanesN mask) => Vector.AsVectorUInt64(mask._value) == Vector<ulong>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesN Select(LanesN mask, LanesN whenSet, LanesN whenClear) => new(Vector.ConditionalSelect(Vector.AsVectorInt64(mask._value), whenSet._value, whenClear._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesN WithSignOf(LanesN magnitude, LanesN sign) =>
        new(Vector.AsVectorDouble(Vector.AsVectorUInt64(magnitude._value) | (Vector.AsVectorUInt64(sign._value) & new Vector<ulong>(0x8000_0000_0000_0000UL))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesN PowerOfTwo(LanesN shifted, LanesN shift) =>
        new(Vector.AsVectorDouble(Vector.ShiftLeft(Vector.AsVectorUInt64(shifted._value) - Vector.AsVectorUInt64(shift._value) + new Vector<ulong>(1023), 52)));
}
