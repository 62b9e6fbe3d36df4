using System.Globalization;
using DescentLab.Training;

namespace DescentLab.Data;

/// <summary>Turns the cells of a label column, row by row, into classes: integers or names, never a mix.</summary>
/// <remarks>
/// A cell that parses as a number (invariant culture) is an integer label and must be a whole number of magnitude at
/// most 2⁵³ ("1", "01" and "1.0" are the same class, named "1"); any other cell is a name, taken exactly as written
/// (case-sensitive, no trimming beyond the CSV reader's). The first row fixes which of the two the column holds.
/// Classes are numbered in a fixed order, independent of the row order: integers ascending by value, names ascending by
/// ordinal (UTF-16 code unit) comparison, so "B" comes before "a" and "10" before "9" among names. A dataset written
/// back with its class names therefore reads back with the same class numbers.
/// </remarks>
public sealed class ClassLabels
{
    /// <summary>The most classes a classifier may have.</summary>
    public const int MaxClasses = 1000;

    /// <summary>The largest integer label: beyond 2⁵³ distinct integers can share one double.</summary>
    private const double MaxInteger = 9007199254740992;

    private readonly List<long> _integers = [];
    private readonly List<string> _names = [];
    private readonly HashSet<long> _distinctIntegers = [];
    private readonly HashSet<string> _distinctNames = new(StringComparer.Ordinal);
    private string? _firstCell;

    /// <summary>The number of labels added.</summary>
    public int Count => IsInteger ? _integers.Count : _names.Count;

    /// <summary>Whether the column holds integer labels (decided by its first cell).</summary>
    public bool IsInteger { get; private set; }

    /// <summary>The number of distinct labels so far.</summary>
    public int DistinctCount => IsInteger ? _distinctIntegers.Count : _distinctNames.Count;

    /// <summary>Adds the next row's label; returns why it cannot be one (without a location), or null when it is taken.</summary>
    public string? Add(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (string.IsNullOrWhiteSpace(cell))
        {
            return "the label is empty; every row needs a class label.";
        }

        var numeric = double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
        if (_firstCell is null)
        {
            _firstCell = cell;
            IsInteger = numeric;
        }
        else if (numeric != IsInteger)
        {
            return numeric
                ? $"\"{Excerpt(cell)}\" is a number, but the first label, \"{Excerpt(_firstCell)}\", is a name; a label column holds names only or integers only."
                : $"\"{Excerpt(cell)}\" is a name, but the first label, \"{Excerpt(_firstCell)}\", is a number; a label column holds integers only or names only.";
        }

        if (numeric)
        {
            if (!(double.IsFinite(value) && value == Math.Floor(value) && Math.Abs(value) <= MaxInteger))
            {
                return $"\"{Excerpt(cell)}\" is not a whole number; numeric labels must be integer classes (a continuous output is y, not a label).";
            }

            // -0 and 0 are one class.
            var integer = (long)value;
            if (_distinctIntegers.Add(integer) && _distinctIntegers.Count > MaxClasses)
            {
                _distinctIntegers.Remove(integer);
                return string.Create(CultureInfo.InvariantCulture, $"{integer} would be class {MaxClasses + 1}; a classifier takes at most {MaxClasses} classes.");
            }

            _integers.Add(integer);
            return null;
        }

        if (NameCheck.Problem(cell) is not null)
        {
            return $"the label \"{Excerpt(cell)}\" contains a control character (a newline, tab or the like); class names must be printable.";
        }

        if (_distinctNames.Add(cell) && _distinctNames.Count > MaxClasses)
        {
            _distinctNames.Remove(cell);
            return $"\"{Excerpt(cell)}\" would be class {MaxClasses + 1}; a classifier takes at most {MaxClasses} classes.";
        }

        _names.Add(cell);
        return null;
    }

    /// <summary>Why the labels added cannot make a classifier's data (fewer than two classes), or null.</summary>
    public string? Problem() => Count == 0
        ? "no labels."
        : DistinctCount < 2
            ? string.Create(CultureInfo.InvariantCulture, $"every row has the label \"{Excerpt(IsInteger ? Name(_integers[0]) : _names[0])}\"; a classifier needs at least two classes.")
            : null;

    /// <summary>The class names in class order, and each row's class index.</summary>
    /// <exception cref="InvalidOperationException">There are fewer than two classes (<see cref="Problem"/> says why).</exception>
    public (string[] Names, double[] Indices) Classes()
    {
        if (Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        if (IsInteger)
        {
            var values = _distinctIntegers.Order().ToArray();
            var index = values.Select((v, k) => (v, k)).ToDictionary(e => e.v, e => (double)e.k);
            return ([.. values.Select(Name)], [.. _integers.Select(v => index[v])]);
        }

        var names = _distinctNames.Order(StringComparer.Ordinal).ToArray();
        var byName = names.Select((v, k) => (v, k)).ToDictionary(e => e.v, e => (double)e.k, StringComparer.Ordinal);
        return (names, [.. _names.Select(v => byName[v])]);
    }

    private static string Name(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Excerpt(string text) =>
        NameCheck.Escaped(text.Length <= 40 ? text : text[..39] + "…");
}
