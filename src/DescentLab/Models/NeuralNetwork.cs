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
/// The kernel carries chunks of up to 32 samples through the layers together, a vector of units at a time (the weights
/// are transposed once per call), and adds every sum in the order a scalar loop over the samples one by one would: a
/// unit's products in input order, a gradient entry's terms in sample order. torch sums through matrix products, so
/// the two agree to rounding, not bit for bit. tanh is <see cref="VectorActivations.Tanh"/>, within 1e-15 of
/// <see cref="Math.Tanh"/>.
/// </remarks>
public sealed class NeuralNetwork : IModel
{
    /// <summary>Samples a forward or backward pass carries through the layers together.</summary>
    private const int Chunk = 32;

    /// <summary>Workspaces up to this many doubles (32 KB) live on the stack.</summary>
    private const int StackLimit = 4096;

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
    /// A chunk's inputs, pre-activations, activations and backpropagated errors (<see cref="Chunk"/> samples, every unit),
    /// the weights transposed (input-major) and the weight gradients in the same layout.
    /// </summary>
    public int WorkspaceLength => ForwardWorkspaceLength + (Chunk * _totalUnits) + _weightCount;

    /// <summary>What <see cref="Loss(ReadOnlySpan{double}, Span{double})"/> needs: a chunk's inputs, pre-activations and activations, and the transposed weights.</summary>
    public int ForwardWorkspaceLength => (Chunk * (_widths[0] + (2 * _totalUnits))) + _weightCount;

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
        var parts = Split(workspace);
        var delta = workspace.Slice(ForwardWorkspaceLength, Chunk * _totalUnits);
        var weightGradient = workspace.Slice(ForwardWorkspaceLength + (Chunk * _totalUnits), _weightCount);
        Transpose(theta, parts.Transposed);
        weightGradient.Clear();
        var scale = 1.0 / batch.Length;
        var layers = _widths.Length - 1;
        var outputs = OutputCount;
        var loss = 0.0;
        for (var first = 0; first < batch.Length; first += Chunk)
        {
            var samples = batch.Slice(first, Math.Min(Chunk, batch.Length - first));
            var c = samples.Length;
            GatherInputs(samples, parts.Inputs);
            ForwardChunk(theta, parts.Transposed, parts.Inputs, c, parts.Pre, parts.Post);
            var logits = parts.Pre.Slice(Chunk * _unitOffsets[layers], c * outputs);
            var top = delta.Slice(Chunk * _unitOffsets[layers], c * outputs);
            for (var r = 0; r < c; r++)
            {
                loss += SampleLoss(logits.Slice(r * outputs, outputs), samples[r]);
                OutputError(logits.Slice(r * outputs, outputs), samples[r], scale, top.Slice(r * outputs, outputs));
            }

            for (var l = layers - 1; l >= 0; l--)
            {
                var inWidth = _widths[l];
                var outWidth = _widths[l + 1];
                var error = delta.Slice(Chunk * _unitOffsets[l + 1], c * outWidth);
                var input = l == 0 ? parts.Inputs[..(c * inWidth)] : parts.Post.Slice(Chunk * _unitOffsets[l], c * inWidth);

                // ∂/∂b[j] += e[r,j] and ∂/∂W[j,k] += e[r,j]·a[r,k], sample after sample, each kept in registers across the
                // chunk; the weights' gradient input-major (a row per input k) so a vector of units j adds at once.
                AddColumns(gradient.Slice(_biasOffsets[l], outWidth), c, error, null, 0, 0);
                var gw = weightGradient.Slice(_transposedOffsets[l], outWidth * inWidth);
                for (var k = 0; k < inWidth; k++)
                {
                    AddColumns(gw.Slice(k * outWidth, outWidth), c, error, input, k, inWidth);
                }

                if (l > 0)
                {
                    // The error of the layer below: e·W (rows of W in order, a vector of inputs k at once), then through
                    // the activation's derivative at its output.
                    var w = theta.Slice(_weightOffsets[l], outWidth * inWidth);
                    var below = delta.Slice(Chunk * _unitOffsets[l], c * inWidth);
                    for (var r = 0; r < c; r++)
                    {
                        Combine(error.Slice(r * outWidth, outWidth), w, below.Slice(r * inWidth, inWidth));
                    }

                    VectorActivations.Derivative(Activation, parts.Pre.Slice(Chunk * _unitOffsets[l], c * inWidth), parts.Post.Slice(Chunk * _unitOffsets[l], c * inWidth), below);
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

    /// <inheritdoc/>
    public double Loss(ReadOnlySpan<double> theta)
    {
        var length = ForwardWorkspaceLength;
        var workspace = length <= StackLimit ? stackalloc double[length] : new double[length];
        return Loss(theta, workspace);
    }

    /// <summary>The full-data loss L(θ), with <paramref name="workspace"/> (at least <see cref="ForwardWorkspaceLength"/> long) for scratch; allocates nothing.</summary>
    public double Loss(ReadOnlySpan<double> theta, Span<double> workspace)
    {
        CheckSizes(theta, workspace, ForwardWorkspaceLength);
        var parts = Split(workspace);
        Transpose(theta, parts.Transposed);
        var layers = _widths.Length - 1;
        var outputs = OutputCount;
        Span<int> samples = stackalloc int[Chunk];
        var loss = 0.0;
        for (var first = 0; first < SampleCount; first += Chunk)
        {
            var c = Math.Min(Chunk, SampleCount - first);
            for (var r = 0; r < c; r++)
            {
                samples[r] = first + r;
            }

            GatherInputs(samples[..c], parts.Inputs);
            ForwardChunk(theta, parts.Transposed, parts.Inputs, c, parts.Pre, parts.Post);
            var logits = parts.Pre.Slice(Chunk * _unitOffsets[layers], c * outputs);
            for (var r = 0; r < c; r++)
            {
                loss += SampleLoss(logits.Slice(r * outputs, outputs), first + r);
            }
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
        var workspace = length <= StackLimit ? stackalloc double[length] : new double[length];
        CheckSizes(theta, workspace, length);
        var parts = Split(workspace);
        Transpose(theta, parts.Transposed);
        var layers = _widths.Length - 1;
        var outputs = OutputCount;
        Span<int> samples = stackalloc int[Chunk];
        var correct = 0;
        for (var first = 0; first < SampleCount; first += Chunk)
        {
            var c = Math.Min(Chunk, SampleCount - first);
            for (var r = 0; r < c; r++)
            {
                samples[r] = first + r;
            }

            GatherInputs(samples[..c], parts.Inputs);
            ForwardChunk(theta, parts.Transposed, parts.Inputs, c, parts.Pre, parts.Post);
            var logits = parts.Pre.Slice(Chunk * _unitOffsets[layers], c * outputs);
            for (var r = 0; r < c; r++)
            {
                if (PredictedClass(logits.Slice(r * outputs, outputs)) == (int)_targets[first + r])
                {
                    correct++;
                }
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
        var workspace = length <= StackLimit ? stackalloc double[length] : new double[length];
        CheckSizes(theta, workspace, length);
        var parts = Split(workspace);
        Transpose(theta, parts.Transposed);
        inputs.CopyTo(parts.Inputs);
        ForwardChunk(theta, parts.Transposed, parts.Inputs, 1, parts.Pre, parts.Post);
        parts.Pre.Slice(Chunk * _unitOffsets[^1], OutputCount).CopyTo(outputs);
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

    /// <summary>The forward pass's parts of a workspace: a chunk's inputs, pre-activations and activations, the transposed weights.</summary>
    private ForwardParts Split(Span<double> workspace)
    {
        var inputs = Chunk * _widths[0];
        var units = Chunk * _totalUnits;
        return new ForwardParts(workspace[..inputs], workspace.Slice(inputs, units), workspace.Slice(inputs + units, units), workspace.Slice(inputs + (2 * units), _weightCount));
    }

    /// <summary>The input rows of <paramref name="samples"/>, one after another.</summary>
    private void GatherInputs(ReadOnlySpan<int> samples, Span<double> inputs)
    {
        var d = _widths[0];
        for (var r = 0; r < samples.Length; r++)
        {
            _inputs.AsSpan(samples[r] * d, d).CopyTo(inputs.Slice(r * d, d));
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

    /// <summary>
    /// z = Wa + b layer by layer for the <paramref name="count"/> samples whose inputs are <paramref name="inputs"/> (as
    /// <c>addmm</c>: each unit's products in input order, then the bias), activations between. Layer l's values of sample
    /// r sit at <see cref="Chunk"/>·unitOffset + r·width in <paramref name="pre"/> and <paramref name="post"/>.
    /// </summary>
    private void ForwardChunk(ReadOnlySpan<double> theta, ReadOnlySpan<double> transposed, ReadOnlySpan<double> inputs, int count, Span<double> pre, Span<double> post)
    {
        ReadOnlySpan<double> input = inputs[..(count * _widths[0])];
        var layers = _widths.Length - 1;
        for (var l = 0; l < layers; l++)
        {
            var inWidth = _widths[l];
            var outWidth = _widths[l + 1];
            var wt = transposed.Slice(_transposedOffsets[l], outWidth * inWidth);
            var b = theta.Slice(_biasOffsets[l], outWidth);
            var z = pre.Slice(Chunk * _unitOffsets[l + 1], count * outWidth);
            for (var r = 0; r < count; r++)
            {
                Affine(wt, b, input.Slice(r * inWidth, inWidth), z.Slice(r * outWidth, outWidth));
            }

            if (l + 1 < layers)
            {
                var y = post.Slice(Chunk * _unitOffsets[l + 1], count * outWidth);
                VectorActivations.Apply(Activation, z, y);
                input = y;
            }
        }
    }

    /// <summary>z[j] = (Σₖ a[k]·Wᵀ[k, j]) + b[j], the sum in k order from 0, four vectors of units j at a time where they fill them.</summary>
    private static void Affine(ReadOnlySpan<double> wt, ReadOnlySpan<double> b, ReadOnlySpan<double> a, Span<double> z)
    {
        var inWidth = a.Length;
        var outWidth = z.Length;
        var v = Vector<double>.Count;
        ref var w0 = ref MemoryMarshal.GetReference(wt[..(inWidth * outWidth)]);
        ref var b0 = ref MemoryMarshal.GetReference(b[..outWidth]);
        ref var z0 = ref MemoryMarshal.GetReference(z);
        var j = 0;
        for (; j + (4 * v) <= outWidth; j += 4 * v)
        {
            var s0 = Vector<double>.Zero;
            var s1 = Vector<double>.Zero;
            var s2 = Vector<double>.Zero;
            var s3 = Vector<double>.Zero;
            for (var k = 0; k < inWidth; k++)
            {
                var ak = new Vector<double>(a[k]);
                var at = (nuint)((k * outWidth) + j);
                s0 += ak * Vector.LoadUnsafe(ref w0, at);
                s1 += ak * Vector.LoadUnsafe(ref w0, at + (nuint)v);
                s2 += ak * Vector.LoadUnsafe(ref w0, at + (nuint)(2 * v));
                s3 += ak * Vector.LoadUnsafe(ref w0, at + (nuint)(3 * v));
            }

            (s0 + Vector.LoadUnsafe(ref b0, (nuint)j)).StoreUnsafe(ref z0, (nuint)j);
            (s1 + Vector.LoadUnsafe(ref b0, (nuint)(j + v))).StoreUnsafe(ref z0, (nuint)(j + v));
            (s2 + Vector.LoadUnsafe(ref b0, (nuint)(j + (2 * v)))).StoreUnsafe(ref z0, (nuint)(j + (2 * v)));
            (s3 + Vector.LoadUnsafe(ref b0, (nuint)(j + (3 * v)))).StoreUnsafe(ref z0, (nuint)(j + (3 * v)));
        }

        for (; j + v <= outWidth; j += v)
        {
            var sum = Vector<double>.Zero;
            for (var k = 0; k < inWidth; k++)
            {
                sum += new Vector<double>(a[k]) * Vector.LoadUnsafe(ref w0, (nuint)((k * outWidth) + j));
            }

            (sum + Vector.LoadUnsafe(ref b0, (nuint)j)).StoreUnsafe(ref z0, (nuint)j);
        }

        for (; j < outWidth; j++)
        {
            var sum = 0.0;
            for (var k = 0; k < inWidth; k++)
            {
                sum += a[k] * wt[(k * outWidth) + j];
            }

            z[j] = sum + b[j];
        }
    }

    /// <summary>
    /// target[j] += f[r]·e[r, j] for r = 0, 1, … in turn (e is <paramref name="count"/> rows of target's width), with
    /// f[r] = <paramref name="factors"/>[r·stride + column], or 1 without factors; each element's additions in that order.
    /// </summary>
    private static void AddColumns(Span<double> target, int count, ReadOnlySpan<double> e, ReadOnlySpan<double> factors, int column, int stride)
    {
        var width = target.Length;
        var v = Vector<double>.Count;
        var scaled = !factors.IsEmpty;
        ref var t0 = ref MemoryMarshal.GetReference(target);
        ref var e0 = ref MemoryMarshal.GetReference(e[..(count * width)]);
        var j = 0;
        for (; j + (4 * v) <= width; j += 4 * v)
        {
            var s0 = Vector.LoadUnsafe(ref t0, (nuint)j);
            var s1 = Vector.LoadUnsafe(ref t0, (nuint)(j + v));
            var s2 = Vector.LoadUnsafe(ref t0, (nuint)(j + (2 * v)));
            var s3 = Vector.LoadUnsafe(ref t0, (nuint)(j + (3 * v)));
            for (var r = 0; r < count; r++)
            {
                var at = (nuint)((r * width) + j);
                var x0 = Vector.LoadUnsafe(ref e0, at);
                var x1 = Vector.LoadUnsafe(ref e0, at + (nuint)v);
                var x2 = Vector.LoadUnsafe(ref e0, at + (nuint)(2 * v));
                var x3 = Vector.LoadUnsafe(ref e0, at + (nuint)(3 * v));
                if (scaled)
                {
                    var f = new Vector<double>(factors[(r * stride) + column]);
                    x0 = f * x0;
                    x1 = f * x1;
                    x2 = f * x2;
                    x3 = f * x3;
                }

                s0 += x0;
                s1 += x1;
                s2 += x2;
                s3 += x3;
            }

            s0.StoreUnsafe(ref t0, (nuint)j);
            s1.StoreUnsafe(ref t0, (nuint)(j + v));
            s2.StoreUnsafe(ref t0, (nuint)(j + (2 * v)));
            s3.StoreUnsafe(ref t0, (nuint)(j + (3 * v)));
        }

        for (; j + v <= width; j += v)
        {
            var sum = Vector.LoadUnsafe(ref t0, (nuint)j);
            for (var r = 0; r < count; r++)
            {
                var x = Vector.LoadUnsafe(ref e0, (nuint)((r * width) + j));
                sum += scaled ? new Vector<double>(factors[(r * stride) + column]) * x : x;
            }

            sum.StoreUnsafe(ref t0, (nuint)j);
        }

        for (; j < width; j++)
        {
            var sum = target[j];
            for (var r = 0; r < count; r++)
            {
                var x = e[(r * width) + j];
                sum += scaled ? factors[(r * stride) + column] * x : x;
            }

            target[j] = sum;
        }
    }

    /// <summary>below[k] = Σⱼ e[j]·W[j, k], from 0 and in j order, four vectors of inputs k at a time where they fill them.</summary>
    private static void Combine(ReadOnlySpan<double> e, ReadOnlySpan<double> w, Span<double> below)
    {
        var outWidth = e.Length;
        var inWidth = below.Length;
        var v = Vector<double>.Count;
        ref var w0 = ref MemoryMarshal.GetReference(w[..(outWidth * inWidth)]);
        ref var d0 = ref MemoryMarshal.GetReference(below);
        var k = 0;
        for (; k + (4 * v) <= inWidth; k += 4 * v)
        {
            var s0 = Vector<double>.Zero;
            var s1 = Vector<double>.Zero;
            var s2 = Vector<double>.Zero;
            var s3 = Vector<double>.Zero;
            for (var j = 0; j < outWidth; j++)
            {
                var ej = new Vector<double>(e[j]);
                var at = (nuint)((j * inWidth) + k);
                s0 += ej * Vector.LoadUnsafe(ref w0, at);
                s1 += ej * Vector.LoadUnsafe(ref w0, at + (nuint)v);
                s2 += ej * Vector.LoadUnsafe(ref w0, at + (nuint)(2 * v));
                s3 += ej * Vector.LoadUnsafe(ref w0, at + (nuint)(3 * v));
            }

            s0.StoreUnsafe(ref d0, (nuint)k);
            s1.StoreUnsafe(ref d0, (nuint)(k + v));
            s2.StoreUnsafe(ref d0, (nuint)(k + (2 * v)));
            s3.StoreUnsafe(ref d0, (nuint)(k + (3 * v)));
        }

        for (; k + v <= inWidth; k += v)
        {
            var sum = Vector<double>.Zero;
            for (var j = 0; j < outWidth; j++)
            {
                sum += new Vector<double>(e[j]) * Vector.LoadUnsafe(ref w0, (nuint)((j * inWidth) + k));
            }

            sum.StoreUnsafe(ref d0, (nuint)k);
        }

        for (; k < inWidth; k++)
        {
            var sum = 0.0;
            for (var j = 0; j < outWidth; j++)
            {
                sum += e[j] * w[(j * inWidth) + k];
            }

            below[k] = sum;
        }
    }

    /// <summary>The loss of one sample from its outputs.</summary>
    private double SampleLoss(ReadOnlySpan<double> outputs, int sample)
    {
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
    private void OutputError(ReadOnlySpan<double> outputs, int sample, double scale, Span<double> error)
    {
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

    /// <summary>A forward pass's scratch: a chunk's inputs, pre-activations and activations, and the transposed weights.</summary>
    private readonly ref struct ForwardParts(Span<double> inputs, Span<double> pre, Span<double> post, Span<double> transposed)
    {
        public Span<double> Inputs { get; } = inputs;

        public Span<double> Pre { get; } = pre;

        public Span<double> Post { get; } = post;

        public Span<double> Transposed { get; } = transposed;
    }
}
