namespace DescentLab.Models;

/// <summary>An unevaluated sum hi + lo with |lo| ≤ ulp(hi)/2: about 106 bits (Dekker; Bailey's QD library).</summary>
internal readonly record struct DoubleDouble(double Hi, double Lo)
{
    public double Value => Hi + Lo;

    public static DoubleDouble TwoSum(double a, double b)
    {
        var s = a + b;
        var bb = s - a;
        return new DoubleDouble(s, (a - (s - bb)) + (b - bb));
    }

    public static DoubleDouble TwoProduct(double a, double b)
    {
        var product = a * b;
        return new DoubleDouble(product, Math.FusedMultiplyAdd(a, b, -product));
    }

    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        var s = TwoSum(a.Hi, b.Hi);
        var t = TwoSum(a.Lo, b.Lo);
        var head = QuickTwoSum(s.Hi, s.Lo + t.Hi);
        return QuickTwoSum(head.Hi, head.Lo + t.Lo);
    }

    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
    {
        var product = TwoProduct(a.Hi, b.Hi);
        return QuickTwoSum(product.Hi, product.Lo + ((a.Hi * b.Lo) + (a.Lo * b.Hi)));
    }

    public static DoubleDouble operator *(DoubleDouble a, double b)
    {
        var product = TwoProduct(a.Hi, b);
        return QuickTwoSum(product.Hi, product.Lo + (a.Lo * b));
    }

    public static DoubleDouble operator /(DoubleDouble a, double b)
    {
        var q1 = a.Hi / b;
        var product = TwoProduct(q1, b);
        var remainder = TwoSum(a.Hi, -product.Hi);
        var q2 = (remainder.Hi + (remainder.Lo - product.Lo + a.Lo)) / b;
        return QuickTwoSum(q1, q2);
    }

    private static DoubleDouble QuickTwoSum(double a, double b)
    {
        var s = a + b;
        return new DoubleDouble(s, b - (s - a));
    }
}
