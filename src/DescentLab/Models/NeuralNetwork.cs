using System.Numerics;
using System.Runtime.InteropServices;
using DescentLab.Data;
using DescentLab.Randomness;

namespace DescentLab.Models;

/// <summary>
/// A PyTorch <c>Sequential(Linear, act, …, Linear)</c> on a dataset's input columns, scored with one loss: logistic
/// regression (no hidden layer, one logit, BCEWithLogits), softmax regression (no hidden layer, K logits,
/// CrossEntropy) and multilayer perceptrons. Forward and backward are written out as torch 1.13 computes them.
/// </summary>
/// <remarks>
/// θ holds, layer by layer, <c>weight</c> (out × in, row-major) then <c>bias</c>, named as <c>state_dict</c> names
/// them: <c>weight[0,1]</c>, <c>bias[0]</c> for a bare <c>nn.Linear</c>, <c>0.weight[1,0]</c>, <c>2.bias[3]</c> for a
/// <c>Sequential</c> (the activations take the odd indices). Losses use the mean reduction:
/// BCEWithLogits ℓ = (1 − t)·x + m + log(e^(−m) + e^(−x−m)) with m = max(−x, 0) (torch 1.13's stable form in
/// aten/src/ATen/native/Loss.cpp), ∂ℓ/∂x = σ(x) − t; CrossEntropy ℓ = −log_softmax(x)_t with
/// log_softmax(x) = x − max x − log Σ e^(x − max x), ∂ℓ/∂x = softmax(x) − onehot(t); MSE ℓ = (x − y)², ∂ℓ/∂x = 2(x − y).
/// The kernel runs sample by sample (forward, then backward into the summed gradient), so batch sums are in sample
/// order; torch sums through matrix products, so the two agree to rounding, not bit for bit. Within a sample it works
/// a vector of units at a time (each unit's sums still in input order: the weights are transposed once per call, so a
/// unit's products are added in the same order as a scalar loop would add them), and tanh is
/// <see cref="VectorActivations.Tanh"/>, within a few ulps of <see cref="Math.Tanh"/>.
/// </remarks>
public sealed class NeuralNetwork : IModel
{
    private readonly int[] _widths;
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;
    private readonly int[] _unitOffsets;
    private readonly int[] _transposedOffsets;
    private readonly double[] _inputs;
    private readonly double[] _targets;
    private readonly int _totalUnits;
    private readonly int _weightCount;

    /// <summary>
    /// Builds the network with layer widths <paramref name="widths"/> (inputs, hidden…, outputs) on
    /// <paramref name="data"/>, whose output column holds the targets: class indices for the cross-entropy losses.
    /// </summary>
    public NeuralNetwork(Dataset data, IReadOnlyList<int> widths, Activation activation, NetworkLoss loss)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Count < 2 || widths.Any(w => w < 1))
        {
            throw new ArgumentException("A network needs an input and an output width, each at least 1.", nameof(widths));
        }

        if (widths[0] != data.InputCount)
        {
            throw new ArgumentException($"The first layer takes {widths[0]} inputs; the data has {data.InputCount} input columns.", nameof(widths));
        }

        if (data.Count < 1)
        {
            throw new ArgumentException("The dataset has no samples.", nameof(data));
        }

        var outputs = widths[^1];
        switch (loss)
        {
            case NetworkLoss.MeanSquaredError or NetworkLoss.BinaryCrossEntropyWithLogits when outputs != 1:
                throw new ArgumentException($"{loss} scores one output, not {outputs}.", nameof(widths));
            case NetworkLoss.CrossEntropy when outputs < 2:
                throw new ArgumentException("CrossEntropy needs at least two outputs (one per class).", nameof(widths));
        }

        Data = data;
        Activation = activation;
        LossKind = loss;
        _widths = [.. widths];
        SampleCount = data.Count;
        var layers = _widths.Length - 1;
        _weightOffsets = new int[layers];
        _biasOffsets = new int[layers];
        _unitOffsets = new int[layers + 1];
        _transposedOffsets = new int[layers];
        var blocks = new List<ParameterBlock>(2 * layers);
        var offset = 0;
        var units = 0;
        for (var l = 0; l < layers; l++)
        {
            // Sequential numbers the modules: Linear at even indices, the activations between them at odd ones.
            var prefix = layers == 1 ? string.Empty : FormattableString.Invariant($"{2 * l}.");
            _weightOffsets[l] = offset;
            _transposedOffsets[l] = _weightCount;
            _weightCount += _widths[l + 1] * _widths[l];
            blocks.Add(new ParameterBlock(prefix + "weight", _widths[l + 1], _widths[l], offset, IsMatrix: true));
            offset += _widths[l + 1] * _widths[l];
            _biasOffsets[l] = offset;
            blocks.Add(new ParameterBlock(prefix + "bias", 1, _widths[l + 1], offset, IsMatrix: false));
            offset += _widths[l + 1];
            _unitOffsets[l + 1] = units;
            units += _widths[l + 1];
        }

        _totalUnits = units;
        ParameterCount = offset;
        Blocks = blocks;
        ParameterNames = [.. blocks.SelectMany(b => Enumerable.Range(0, b.Length).Select(b.ElementName))];

        var d = data.InputCount;
        _inputs = new double[SampleCount * d];
        for (var c = 0; c < d; c++)
        {
            var column = data.Input(c);
            for (var i = 0; i < SampleCount; i++)
            {
                _inputs[(i * d) + c] = column[i];
            }
        }

        _targets = data.Output.ToArray();
        if (loss != NetworkLoss.MeanSquaredError)
        {
            var classes = loss == NetworkLoss.CrossEntropy ? outputs : 2;
            for (var i = 0; i < SampleCount; i++)
            {
                var t = _targets[i];
                if (!(t >= 0 && t < classes && t == Math.Floor(t)))
                {
                    throw new ArgumentException($"Sample {i} has label {t}; {loss} needs class indices 0 … {classes - 1}.", nameof(data));
                }
            }
        }
    }

    /// <summary>The dataset as used.</summary>
    public Dataset Data { get; }

    /// <summary>The nonlinearity after every hidden layer.</summary>
    public Activation Activation { get; }

    /// <summary>The loss on the last layer's outputs.</summary>
    public NetworkLoss LossKind { get; }

    /// <summary>The layer widths: inputs, hidden layers, outputs.</summary>
    public IReadOnlyList<int> Widths => _widths;

    /// <summary>The number of outputs (logits) of the last layer.</summary>
    public int OutputCount => _widths[^1];

    /// <inheritdoc/>
    public int SampleCount { get; }

    /// <inheritdoc/>
    public int ParameterCount { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <inheritdoc/>
    public IReadOnlyList<ParameterBlock> Blocks { get; }

    /// <summary>
    /// Pre-activations, activations and backpropagated errors of every unit of one sample, the weights transposed
    /// (input-major) and the weight gradients in the same layout.
    /// </summary>
    public int WorkspaceLength => (3 * _totalUnits) + (2 * _weightCount);

    /// <summary>What a forward pass needs: pre-activations and activations of one sample, and the transposed weights.</summary>
    private int ForwardWorkspaceLength => (2 * _totalUnits) + _weightCount;

    /// <summary>No closed form: null.</summary>
    public double? MinimumLoss => null;

    /// <summary>Whether the loss is a classification loss (so accuracy means something).</summary>
    public bool IsClassifier => LossKind != NetworkLoss.MeanSquaredError;

    /// <summary>The initial θ of a fresh model as torch builds it: each <c>nn.Linear</c> in turn, weight then bias.</summary>
    public double[] DrawInit(TorchGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var theta = new double[ParameterCount];
        for (var l = 0; l + 1 < _widths.Length; l++)
        {
            TorchLinearInit.DrawLayer(
                generator,
                _widths[l],
                theta.AsSpan(_weightOffsets[l], _widths[l + 1] * _widths[l]),
                theta.AsSpan(_biasOffsets[l], _widths[l + 1]));
        }

        return theta;
    }

    /// <inheritdoc/>
    public double BatchLossAndGradient(ReadOnlySpan<double> theta, ReadOnlySpan<int> batch, Span<double> gradient, Span<double> workspace)
    {
        CheckSizes(theta, workspace, WorkspaceLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(gradient.Length, ParameterCount, nameof(gradient));
        if (batch.IsEmpty)
        {
            throw new ArgumentException("A batch needs at least one sample.", nameof(batch));
        }

        foreach (var i in batch)
        {
            if ((uint)i >= (uint)SampleCount)
            {
                throw new ArgumentOutOfRangeException(nameof(batch), i, $"Sample index {i} is outside 0..{SampleCount - 1}.");
            }
        }

        gradient = gradient[..ParameterCount];
        gradient.Clear();
        var pre = workspace[.._totalUnits];
        var post = workspace.Slice(_totalUnits, _totalUnits);
        var delta = workspace.Slice(2 * _totalUnits, _totalUnits);
        var transposed = workspace.Slice(3 * _totalUnits, _weightCount);
        var weightGradient = workspace.Slice((3 * _totalUnits) + _weightCount, _weightCount);
        Transpose(theta, transposed);
        weightGradient.Clear();
        var scale = 1.0 / batch.Length;
        var layers = _widths.Length - 1;
        var loss = 0.0;
        foreach (var i in batch)
        {
            ForwardFrom(theta, transposed, _inputs.AsSpan(i * _widths[0], _widths[0]), pre, post);
            loss += SampleLoss(pre, i);
            OutputError(pre, i, scale, delta.Slice(_unitOffsets[layers], OutputCount));
            for (var l = layers - 1; l >= 0; l--)
            {
                var inWidth = _widths[l];
                var outWidth = _widths[l + 1];
                var error = delta.Slice(_unitOffsets[l + 1], outWidth);
                var input = l == 0 ? _inputs.AsSpan(i * inWidth, inWidth) : (ReadOnlySpan<double>)post.Slice(_unitOffsets[l], inWidth);

                // ∂/∂b += e; ∂/∂W[j,k] += e[j]·a[k], kept input-major (a row per input k) so a vector of units j adds at once.
                AddScaled(gradient.Slice(_biasOffsets[l], outWidth), 1.0, error);
                var gw = weightGradient.Slice(_transposedOffsets[l], outWidth * inWidth);
                for (var k = 0; k < inWidth; k++)
                {
                    AddScaled(gw.Slice(k * outWidth, outWidth), input[k], error);
                }

                if (l > 0)
                {
                    // The error of the layer below: Wᵀe (rows of W in order, a vector of inputs k at once), then through
                    // the activation's derivative at its output.
                    var w = theta.Slice(_weightOffsets[l], outWidth * inWidth);
                    var below = delta.Slice(_unitOffsets[l], inWidth);
                    below.Clear();
                    for (var j = 0; j < outWidth; j++)
                    {
                        AddScaled(below, error[j], w.Slice(j * inWidth, inWidth));
                    }

                    VectorActivations.Derivative(Activation, pre.Slice(_unitOffsets[l], inWidth), post.Slice(_unitOffsets[l], inWidth), below);
                }
            }
        }

        // Back from input-major to θ's row-major weights.
        for (var l = 0; l < layers; l++)
        {
            var inWidth = _widths[l];
            var outWidth = _widths[l + 1];
            var gw = weightGradient.Slice(_transposedOffsets[l], outWidth * inWidth);
            var target = gradient.Slice(_weightOffsets[l], outWidth * inWidth);
            for (var k = 0; k < inWidth; k++)
            {
                for (var j = 0; j < outWidth; j++)
                {
                    target[(j * inWidth) + k] = gw[(k * outWidth) + j];
                }
            }
        }

        return loss / batch.Length;
    }

    /// <summary>target[m] += factor · source[m] for every m, a vector at a time (each element's own rounding, as a scalar loop).</summary>
    private static void AddScaled(Span<double> target, double factor, ReadOnlySpan<double> source)
    {
        var n = target.Length;
        var width = Vector<double>.Count;
        ref var t = ref MemoryMarshal.GetReference(target);
        ref var s = ref MemoryMarshal.GetReference(source[..n]);
        var m = 0;
        if (n >= width)
        {
            var f = new Vector<double>(factor);
            for (; m + width <= n; m += width)
            {
                (Vector.LoadUnsafe(ref t, (nuint)m) + (f * Vector.LoadUnsafe(ref s, (nuint)m))).StoreUnsafe(ref t, (nuint)m);
            }
        }

        for (; m < n; m++)
        {
            target[m] += factor * source[m];
        }
    }

    /// <summary>Every layer's W (out × in, row-major in θ) as Wᵀ (in × out) into <paramref name="transposed"/>.</summary>
    private void Transpose(ReadOnlySpan<double> theta, Span<double> transposed)
    {
        for (var l = 0; l + 1 < _widths.Length; l++)
        {
            var inWidth = _widths[l];
            var outWidth = _widths[l + 1];
            var w = theta.Slice(_weightOffsets[l], outWidth * inWidth);
            var wt = transposed.Slice(_transposedOffsets[l], outWidth * inWidth);
            for (var j = 0; j < outWidth; j++)
            {
                for (var k = 0; k < inWidth; k++)
                {
                    wt[(k * outWidth) + j] = w[(j * inWidth) + k];
                }
            }
        }
    }

    /// <inheritdoc/>
    public double Loss(ReadOnlySpan<double> theta)
    {
        var length = ForwardWorkspaceLength;
        var workspace = length <= 4096 ? stackalloc double[length] : new double[length];
        CheckSizes(theta, workspace, length);
        var pre = workspace[.._totalUnits];
        var post = workspace.Slice(_totalUnits, _totalUnits);
        var transposed = workspace.Slice(2 * _totalUnits, _weightCount);
        Transpose(theta, transposed);
        var loss = 0.0;
        for (var i = 0; i < SampleCount; i++)
        {
            ForwardFrom(theta, transposed, _inputs.AsSpan(i * _widths[0], _widths[0]), pre, post);
            loss += SampleLoss(pre, i);
        }

        return loss / SampleCount;
    }

    /// <summary>The share of samples whose largest logit (or, with one logit, its sign) names their class; NaN for regression.</summary>
    public double Accuracy(ReadOnlySpan<double> theta)
    {
        if (!IsClassifier)
        {
            return double.NaN;
        }

        var length = ForwardWorkspaceLength;
        var workspace = length <= 4096 ? stackalloc double[length] : new double[length];
        CheckSizes(theta, workspace, length);
        var pre = workspace[.._totalUnits];
        var post = workspace.Slice(_totalUnits, _totalUnits);
        var transposed = workspace.Slice(2 * _totalUnits, _weightCount);
        Transpose(theta, transposed);
        var correct = 0;
        for (var i = 0; i < SampleCount; i++)
        {
            ForwardFrom(theta, transposed, _inputs.AsSpan(i * _widths[0], _widths[0]), pre, post);
            if (PredictedClass(pre.Slice(_unitOffsets[^1], OutputCount)) == (int)_targets[i])
            {
                correct++;
            }
        }

        return correct / (double)SampleCount;
    }

    /// <summary>Writes the last layer's outputs (logits) for the inputs <paramref name="inputs"/> to <paramref name="outputs"/>.</summary>
    public void Predict(ReadOnlySpan<double> theta, ReadOnlySpan<double> inputs, Span<double> outputs)
    {
        if (inputs.Length != _widths[0] || outputs.Length != OutputCount)
        {
            throw new ArgumentException($"Expected {_widths[0]} inputs and room for {OutputCount} outputs.", nameof(inputs));
        }

        var length = ForwardWorkspaceLength;
        var workspace = length <= 4096 ? stackalloc double[length] : new double[length];
        CheckSizes(theta, workspace, length);
        var pre = workspace[.._totalUnits];
        var post = workspace.Slice(_totalUnits, _totalUnits);
        var transposed = workspace.Slice(2 * _totalUnits, _weightCount);
        Transpose(theta, transposed);
        ForwardFrom(theta, transposed, inputs, pre, post);
        pre.Slice(_unitOffsets[^1], OutputCount).CopyTo(outputs);
    }

    /// <summary>The class a set of logits predicts: the first largest logit, or with one logit 1 when it is positive.</summary>
    public static int PredictedClass(ReadOnlySpan<double> logits)
    {
        if (logits.Length == 1)
        {
            return logits[0] > 0 ? 1 : 0;
        }

        var best = 0;
        for (var j = 1; j < logits.Length; j++)
        {
            if (logits[j] > logits[best])
            {
                best = j;
            }
        }

        return best;
    }

    private void CheckSizes(ReadOnlySpan<double> theta, ReadOnlySpan<double> workspace, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(theta.Length, ParameterCount, nameof(theta));
        ArgumentOutOfRangeException.ThrowIfLessThan(workspace.Length, length, nameof(workspace));
    }

    /// <summary>
    /// z = Wa + b layer by layer (as <c>addmm</c>: the products in input order, then the bias), activations between;
    /// a vector of units at a time from the transposed weights <paramref name="transposed"/>.
    /// </summary>
    private void ForwardFrom(ReadOnlySpan<double> theta, ReadOnlySpan<double> transposed, ReadOnlySpan<double> inputs, Span<double> pre, Span<double> post)
    {
        var input = inputs;
        var layers = _widths.Length - 1;
        var width = Vector<double>.Count;
        for (var l = 0; l < layers; l++)
        {
            var inWidth = _widths[l];
            var outWidth = _widths[l + 1];
            var wt = transposed.Slice(_transposedOffsets[l], outWidth * inWidth);
            var b = theta.Slice(_biasOffsets[l], outWidth);
            var z = pre.Slice(_unitOffsets[l + 1], outWidth);
            ref var w0 = ref MemoryMarshal.GetReference(wt);
            ref var z0 = ref MemoryMarshal.GetReference(z);
            ref var b0 = ref MemoryMarshal.GetReference(b);
            var j = 0;
            for (; j + width <= outWidth; j += width)
            {
                var sum = Vector<double>.Zero;
                for (var k = 0; k < inWidth; k++)
                {
                    sum += new Vector<double>(input[k]) * Vector.LoadUnsafe(ref w0, (nuint)((k * outWidth) + j));
                }

                (sum + Vector.LoadUnsafe(ref b0, (nuint)j)).StoreUnsafe(ref z0, (nuint)j);
            }

            for (; j < outWidth; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < inWidth; k++)
                {
                    sum += wt[(k * outWidth) + j] * input[k];
                }

                z[j] = sum + b[j];
            }

            if (l + 1 < layers)
            {
                var y = post.Slice(_unitOffsets[l + 1], outWidth);
                VectorActivations.Apply(Activation, z, y);
                input = y;
            }
        }
    }

    /// <summary>The loss of one sample from its outputs.</summary>
    private double SampleLoss(ReadOnlySpan<double> pre, int sample)
    {
        var outputs = pre.Slice(_unitOffsets[^1], OutputCount);
        var t = _targets[sample];
        switch (LossKind)
        {
            case NetworkLoss.MeanSquaredError:
                var r = outputs[0] - t;
                return r * r;
            case NetworkLoss.BinaryCrossEntropyWithLogits:
                var x = outputs[0];
                var m = Math.Max(-x, 0.0);
                return ((1 - t) * x) + m + Math.Log(Math.Exp(-m) + Math.Exp(-x - m));
            default:
                var logSum = LogSumExpAboveMax(outputs, out var max);
                return -(outputs[(int)t] - max - logSum);
        }
    }

    /// <summary>
    /// log Σⱼ exp(oⱼ − max) and the max itself: log-softmax with the max shift, as torch's CPU log_softmax computes it,
    /// shared by the loss and its gradient.
    /// </summary>
    private static double LogSumExpAboveMax(ReadOnlySpan<double> outputs, out double max)
    {
        max = outputs[0];
        for (var j = 1; j < outputs.Length; j++)
        {
            max = Math.Max(max, outputs[j]);
        }

        var sum = 0.0;
        for (var j = 0; j < outputs.Length; j++)
        {
            sum += Math.Exp(outputs[j] - max);
        }

        return Math.Log(sum);
    }

    /// <summary>∂(loss/|B|)/∂outputs for one sample, into <paramref name="error"/>.</summary>
    private void OutputError(ReadOnlySpan<double> pre, int sample, double scale, Span<double> error)
    {
        var outputs = pre.Slice(_unitOffsets[^1], OutputCount);
        var t = _targets[sample];
        switch (LossKind)
        {
            case NetworkLoss.MeanSquaredError:
                error[0] = 2 * (outputs[0] - t) * scale;
                break;
            case NetworkLoss.BinaryCrossEntropyWithLogits:
                error[0] = ((1 / (1 + Math.Exp(-outputs[0]))) - t) * scale;
                break;
            default:
                var logSum = LogSumExpAboveMax(outputs, out var max);
                for (var j = 0; j < outputs.Length; j++)
                {
                    // log_softmax_backward: g − exp(log p)·Σg, with g = −1/|B| at the label and 0 elsewhere.
                    var p = Math.Exp(outputs[j] - max - logSum);
                    error[j] = (p * scale) - (j == (int)t ? scale : 0.0);
                }

                break;
        }
    }
}
