namespace DescentLab.Experiments;

/// <summary>How the methods' initial parameters are chosen: shared, independent, or explicit values.</summary>
public sealed record InitSpec
{
    private InitSpec(InitKind kind, IReadOnlyList<double> values)
    {
        Kind = kind;
        Values = values;
    }

    /// <summary>The kind of init.</summary>
    public InitKind Kind { get; }

    /// <summary>The explicit values, in parameter order; empty unless <see cref="Kind"/> is explicit.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>One default init shared by every method (the fair comparison).</summary>
    public static InitSpec Shared { get; } = new(InitKind.Shared, []);

    /// <summary>A fresh default init per method, as the seed notebook makes them.</summary>
    public static InitSpec Independent { get; } = new(InitKind.Independent, []);

    /// <summary>Given initial values, in parameter order.</summary>
    public static InitSpec Explicit(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0 || values.Any(v => !double.IsFinite(v)))
        {
            throw SettingError.Invalid("init", nameof(values), "explicit values must be finite numbers, one per parameter.");
        }

        return new InitSpec(InitKind.Explicit, [.. values]);
    }

    /// <inheritdoc/>
    public bool Equals(InitSpec? other) => other is not null && Kind == other.Kind && Values.SequenceEqual(other.Values);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Values.Count);
}
