using System.Globalization;

namespace DescentLab.Optimizers;

/// <summary>The argument checks of the optimizers: torch.optim's constructor checks with its messages, and span lengths.</summary>
internal static class ArgumentChecks
{
    /// <summary>Returns <paramref name="value"/> if it is at least zero, else throws with torch's message "<paramref name="what"/>: value".</summary>
    /// <remarks>
    /// Written as <c>!(0 ≤ value)</c>, as torch.optim.Adam writes <c>not 0.0 &lt;= lr</c>, so NaN is rejected too
    /// (torch.optim.SGD's <c>lr &lt; 0.0</c> would let NaN through; a NaN setting can only poison a run).
    /// </remarks>
    public static double NonNegative(double value, string what, string propertyName) =>
        value >= 0.0 ? value : throw OutOfRange(value, what, propertyName);

    /// <summary>Returns <paramref name="value"/> if it lies in [0, 1), else throws with torch's message "<paramref name="what"/>: value".</summary>
    public static double UnitInterval(double value, string what, string propertyName) =>
        value >= 0.0 && value < 1.0 ? value : throw OutOfRange(value, what, propertyName);

    /// <summary>The exception torch's <c>ValueError("{what}: {value}")</c> becomes.</summary>
    public static ArgumentOutOfRangeException OutOfRange(double value, string what, string propertyName)
    {
        var message = $"{what}: {PythonText(value)}";
        return SettingError.Attach(new ArgumentOutOfRangeException(propertyName, value, message), FieldName(propertyName), message);
    }

    /// <summary>A property's name as an experiment file writes it: torch's short names for lr and eps, camel case otherwise.</summary>
    public static string FieldName(string propertyName) => propertyName switch
    {
        "LearningRate" => "lr",
        "LearningRateDecay" => "lrDecay",
        "Epsilon" => "eps",
        "Beta1" or "Beta2" => "betas",
        _ => char.ToLowerInvariant(propertyName[0]) + propertyName[1..],
    };

    /// <summary>The value as Python prints it in torch's messages: integral values as ints, others as <c>repr(float)</c>.</summary>
    /// <remarks>
    /// torch is usually given <c>lr=-1</c>, not <c>-1.0</c>, so integral values print as ints. Otherwise Python's
    /// shortest round-trip digits (the same digits .NET's "R" gives), in fixed notation when the decimal point falls
    /// within (−4, 16], else as <c>1e-08</c>: lower-case e, a sign, and at least two exponent digits.
    /// </remarks>
    public static string PythonText(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e16)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? text : text[..e];
        var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= leadingZeros;

        var sign = value < 0 ? "-" : "";
        if (point > -4 && point <= 16)
        {
            return point <= 0
                ? $"{sign}0.{new string('0', -point)}{digits}"
                : $"{sign}{digits[..point]}.{digits[point..]}";
        }

        var fraction = digits.Length > 1 ? "." + digits[1..] : "";
        var power = point - 1;
        return string.Create(
            CultureInfo.InvariantCulture, $"{sign}{digits[0]}{fraction}e{(power < 0 ? '-' : '+')}{Math.Abs(power):00}");
    }

    /// <summary>Throws unless θ and the gradient both have the state's length.</summary>
    public static void Lengths(int parameterCount, ReadOnlySpan<double> parameters, ReadOnlySpan<double> gradient)
    {
        if (parameters.Length != parameterCount || gradient.Length != parameterCount)
        {
            throw new ArgumentException(
                $"Expected {parameterCount} parameters and gradient values, got {parameters.Length} and {gradient.Length}.");
        }
    }
}
