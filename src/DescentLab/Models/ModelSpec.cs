using System.Globalization;
using DescentLab.Data;

namespace DescentLab.Models;

/// <summary>Which model an experiment trains: <c>linear</c>, <c>logistic</c>, <c>softmax</c> or <c>mlp:16,16:tanh</c>.</summary>
public sealed record ModelSpec
{
    private readonly IReadOnlyList<int> _hidden = [];

    /// <summary>Today's least-squares model on polynomial features.</summary>
    public static ModelSpec Linear { get; } = new();

    /// <summary>The model family.</summary>
    public ModelKind Kind { get; init; } = ModelKind.Linear;

    /// <summary>The hidden layer widths of an MLP, in order (empty otherwise).</summary>
    public IReadOnlyList<int> Hidden
    {
        get => _hidden;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Any(w => w is < 1 or > 4096))
            {
                throw new ArgumentException("model: every hidden width must be between 1 and 4096.", nameof(Hidden));
            }

            _hidden = [.. value];
        }
    }

    /// <summary>The nonlinearity of an MLP's hidden layers.</summary>
    public Activation Activation { get; init; } = Activation.Tanh;

    /// <summary>Whether this is the linear least-squares model (with its closed forms and figures).</summary>
    public bool IsLinear => Kind == ModelKind.Linear;

    /// <summary>
    /// What excess loss is measured against, as tables, figures and captions write it: "L*" where the optimum is known
    /// (the linear model's closed form, Newton's θ* for logistic regression), "L_ref" (full-batch L-BFGS, a local
    /// reference) for softmax regression and MLPs.
    /// </summary>
    public string MinimumName => Kind is ModelKind.Linear or ModelKind.Logistic ? "L*" : "L_ref";

    /// <summary>Whether the model needs class labels.</summary>
    public bool NeedsClasses => Kind is ModelKind.Logistic or ModelKind.Softmax;

    /// <summary>Reads <c>linear</c>, <c>logistic</c>, <c>softmax</c> or <c>mlp:W1,W2,…[:tanh|relu|sigmoid]</c> (activation tanh by default).</summary>
    /// <exception cref="FormatException">The text is none of these; the message says what is expected.</exception>
    public static ModelSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':');
        var kind = parts[0].ToLowerInvariant();
        switch (kind)
        {
            case "linear" or "logistic" or "softmax" when parts.Length == 1:
                return new ModelSpec { Kind = kind switch { "linear" => ModelKind.Linear, "logistic" => ModelKind.Logistic, _ => ModelKind.Softmax } };
            case "mlp" when parts.Length is 2 or 3:
                var widths = new List<int>();
                foreach (var w in parts[1].Split(','))
                {
                    if (!int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var width) || width is < 1 or > 4096)
                    {
                        throw new FormatException($"'{w}' is not a hidden width (an integer from 1 to 4096) in '{text}'.");
                    }

                    widths.Add(width);
                }

                var activation = parts.Length == 2 ? Activation.Tanh : parts[2].ToLowerInvariant() switch
                {
                    "tanh" => Activation.Tanh,
                    "relu" => Activation.Relu,
                    "sigmoid" => Activation.Sigmoid,
                    _ => throw new FormatException($"'{parts[2]}' is not an activation; expected tanh, relu or sigmoid."),
                };
                return new ModelSpec { Kind = ModelKind.Mlp, Hidden = widths, Activation = activation };
            default:
                throw new FormatException($"'{text}' is not a model; expected linear, logistic, softmax or mlp:WIDTHS[:tanh|relu|sigmoid] (e.g. mlp:16,16:tanh).");
        }
    }

    /// <summary>The text <see cref="Parse"/> reads back.</summary>
    public override string ToString() => Kind switch
    {
        ModelKind.Linear => "linear",
        ModelKind.Logistic => "logistic",
        ModelKind.Softmax => "softmax",
        _ => $"mlp:{string.Join(',', Hidden.Select(w => w.ToString(CultureInfo.InvariantCulture)))}:{Activation.ToString().ToLowerInvariant()}",
    };

    /// <summary>Why this model cannot train on <paramref name="data"/>, or null.</summary>
    public string? Problem(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (IsLinear)
        {
            return null;
        }

        if (NeedsClasses && data.ClassNames is null)
        {
            try
            {
                data = data.ToClassification();
            }
            catch (ArgumentException e)
            {
                return $"{this} needs class labels: {e.Message}";
            }
        }

        var classes = data.ClassNames?.Count ?? 0;
        return Kind switch
        {
            ModelKind.Logistic when classes != 2 => classes == 0
                ? "logistic needs class labels (generated classification data, or a CSV label column); this data is regression data."
                : $"logistic needs two classes; the data has {classes}. Use softmax or an mlp.",
            ModelKind.Softmax when classes < 2 => "softmax needs class labels (generated classification data, or a CSV label column); this data is regression data.",
            _ => null,
        };
    }

    /// <summary>Builds the network this spec names on <paramref name="data"/> (not for the linear model, which is a <see cref="Models.Problem"/>).</summary>
    /// <remarks>
    /// Logistic and softmax turn a regression dataset's integer outputs into classes (<see cref="Dataset.ToClassification"/>);
    /// an MLP classifies data that has classes (generated classification data) and otherwise regresses with MSE.
    /// </remarks>
    public NeuralNetwork CreateNetwork(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (IsLinear)
        {
            throw new InvalidOperationException("The linear model is a Problem, not a network.");
        }

        if (Problem(data) is { } problem)
        {
            throw new ArgumentException($"model: {problem}", nameof(data));
        }

        if (NeedsClasses)
        {
            data = data.ToClassification();
        }

        var classes = data.ClassNames?.Count ?? 0;
        var (outputs, loss) = classes switch
        {
            0 => (1, NetworkLoss.MeanSquaredError),
            2 when Kind != ModelKind.Softmax => (1, NetworkLoss.BinaryCrossEntropyWithLogits),
            _ => (classes, NetworkLoss.CrossEntropy),
        };
        return new NeuralNetwork(data, [data.InputCount, .. Hidden, outputs], Activation, loss);
    }

    /// <inheritdoc/>
    public bool Equals(ModelSpec? other) =>
        other is not null && Kind == other.Kind && Activation == other.Activation && Hidden.SequenceEqual(other.Hidden);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Activation, Hidden.Count);
}
