using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
/// The kernel carries chunks of up to 32 samples through the layers together, unit by unit with a vector of samples
/// in the lanes (512-bit vectors where the processor has them, <see cref="System.Numerics.Vector{T}"/> elsewhere; see
/// <see cref="ILanes{TSelf}"/>), and adds every sum in the order a scalar loop over the samples one by one would: a
/// unit's products in input order, a gradient entry's terms in sample order. Multiplications and additions round
/// separately, so every vector width and the scalar fallback give the same bits. torch sums through matrix products,
/// so the two agree to rounding, not bit for bit. tanh is <see cref="VectorActivations.Tanh{T}"/>, within 1e-15 of
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
    private readonly double[] _inputs;
    private readonly double[] _targets;
    private readonly int _totalUnits;
    private readonly int _widest;

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
        var blocks = new List<ParameterBlock>(2 * layers);
        var offset = 0;
        var units = 0;
        for (var l = 0; l < layers; l++)
        {
            // Sequential numbers the modules: Linear at even indices, the activations between them at odd ones.
            var prefix = layers == 1 ? string.Empty : FormattableString.Invariant($"{2 * l}.");
            _weightOffsets[l] = offset;
            blocks.Add(new ParameterBlock(prefix + "weight", _widths[l + 1], _widths[l], offset, IsMatrix: true));
            offset += _widths[l + 1] * _widths[l];
            _biasOffsets[l] = offset;
            blocks.Add(new ParameterBlock(prefix + "bias", 1, _widths[l + 1], offset, IsMatrix: false));
            offset += _widths[l + 1];
            _unitOffsets[l + 1] = units;
            units += _widths[l + 1];
        }

        _totalUnits = units;
        _widest = _widths.Max();
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
    /// A chunk's inputs, pre-activations, activations and backpropagated errors (every unit, <see cref="Chunk"/> samples
    /// each) and a chunk's rows of one layer sample by sample.
    /// </summary>
    public int WorkspaceLength => ForwardWorkspaceLength + (Chunk * _totalUnits);

    /// <summary>What <see cref="Loss(ReadOnlySpan{double}, Span{double})"/> needs: a chunk's inputs, pre-activations and activations, and one layer's rows.</summary>
    public int ForwardWorkspaceLength => Chunk * (_widths[0] + (2 * _totalUnits) + _widest);

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

        // The JIT keeps one branch: Vector512.IsHardwareAccelerated is a constant to it.
        return Vector512.IsHardwareAccelerated
            ? BatchLossAndGradient<Lanes512>(theta, batch, gradient[..ParameterCount], workspace)
            : BatchLossAndGradient<LanesN>(theta, batch, gradient[..ParameterCount], workspace);
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
        return Vector512.IsHardwareAccelerated ? FullData<Lanes512>(theta, workspace, accuracy: false) : FullData<LanesN>(theta, workspace, accuracy: false);
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
        return Vector512.IsHardwareAccelerated ? FullData<Lanes512>(theta, workspace, accuracy: true) : FullData<LanesN>(theta, workspace, accuracy: true);
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
        parts.Inputs.Clear();
        for (var k = 0; k < inputs.Length; k++)
        {
            parts.Inputs[k * Chunk] = inputs[k];
        }

        if (Vector512.IsHardwareAccelerated)
        {
            ForwardChunk<Lanes512>(theta, parts, 1);
        }
        else
        {
            ForwardChunk<LanesN>(theta, parts, 1);
        }

        var logits = parts.Pre[(Chunk * _unitOffsets[^1])..];
        for (var j = 0; j < outputs.Length; j++)
        {
            outputs[j] = logits[j * Chunk];
        }
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

    internal double BatchLossAndGradient<T>(ReadOnlySpan<double> theta, ReadOnlySpan<int> batch, Span<double> gradient, Span<double> workspace)
        where T : struct, ILanes<T>
    {
        gradient.Clear();
        var parts = Split(workspace);
        var delta = workspace.Slice(ForwardWorkspaceLength, Chunk * _totalUnits);
        var scale = 1.0 / batch.Length;
        var layers = _widths.Length - 1;
        var outputs = OutputCount;
        var loss = 0.0;
        for (var first = 0; first < batch.Length; first += Chunk)
        {
            var samples = batch.Slice(first, Math.Min(Chunk, batch.Length - first));
            var c = samples.Length;
            var lanes = LanesFor<T>(c);
            GatherInputs(samples, parts.Inputs, lanes);
            ForwardChunk<T>(theta, parts, c);

            // The logits sample by sample; each sample's error overwrites its logits there, then goes to the top layer's rows.
            var rows = parts.Rows[..(c * outputs)];
            ToSampleRows(parts.Pre[(Chunk * _unitOffsets[layers])..], outputs, c, rows);
            for (var r = 0; r < c; r++)
            {
                var logits = rows.Slice(r * outputs, outputs);
                loss += SampleLossAndError(logits, samples[r], scale);
            }

            var top = delta[(Chunk * _unitOffsets[layers])..];
            for (var r = 0; r < c; r++)
            {
                for (var j = 0; j < outputs; j++)
                {
                    top[(j * Chunk) + r] = rows[(r * outputs) + j];
                }
            }

            for (var l = layers - 1; l >= 0; l--)
            {
                var inWidth = _widths[l];
                var outWidth = _widths[l + 1];
                var error = delta.Slice(Chunk * _unitOffsets[l + 1], Chunk * outWidth);
                var input = l == 0 ? parts.Inputs : parts.Post.Slice(Chunk * _unitOffsets[l], Chunk * inWidth);
                var inputRows = parts.Rows[..(c * inWidth)];
                ToSampleRows(input, inWidth, c, inputRows);
                AddBiasGradient(error, outWidth, c, gradient.Slice(_biasOffsets[l], outWidth));
                AddWeightGradient<T>(error, inputRows, outWidth, inWidth, c, gradient.Slice(_weightOffsets[l], outWidth * inWidth));
                if (l > 0)
                {
                    // The error of the layer below: Σⱼ e[j]·W[j, k] for every input k, then through the activation's
                    // derivative at its output.
                    var below = delta.Slice(Chunk * _unitOffsets[l], Chunk * inWidth);
                    MatrixTimesLanes<T>(theta.Slice(_weightOffsets[l], outWidth * inWidth), 1, inWidth, error, outWidth, below, inWidth, lanes, default);
                    var pre = parts.Pre.Slice(Chunk * _unitOffsets[l], Chunk * inWidth);
                    var post = parts.Post.Slice(Chunk * _unitOffsets[l], Chunk * inWidth);
                    for (var k = 0; k < inWidth; k++)
                    {
                        var at = k * Chunk;
                        VectorActivations.Derivative<T>(Activation, pre.Slice(at, lanes), post.Slice(at, lanes), below.Slice(at, lanes));
                    }
                }
            }
        }

        return loss / batch.Length;
    }

    /// <summary>The full-data loss, or with <paramref name="accuracy"/> the share of samples classified right.</summary>
    internal double FullData<T>(ReadOnlySpan<double> theta, Span<double> workspace, bool accuracy)
        where T : struct, ILanes<T>
    {
        var parts = Split(workspace);
        var layers = _widths.Length - 1;
        var outputs = OutputCount;
        Span<int> samples = stackalloc int[Chunk];
        var loss = 0.0;
        var correct = 0;
        for (var first = 0; first < SampleCount; first += Chunk)
        {
            var c = Math.Min(Chunk, SampleCount - first);
            for (var r = 0; r < c; r++)
            {
                samples[r] = first + r;
            }

            GatherInputs(samples[..c], parts.Inputs, LanesFor<T>(c));
            ForwardChunk<T>(theta, parts, c);
            var rows = parts.Rows[..(c * outputs)];
            ToSampleRows(parts.Pre[(Chunk * _unitOffsets[layers])..], outputs, c, rows);
            for (var r = 0; r < c; r++)
            {
                var logits = rows.Slice(r * outputs, outputs);
                if (accuracy)
                {
                    correct += PredictedClass(logits) == (int)_targets[first + r] ? 1 : 0;
                }
                else
                {
                    loss += SampleLoss(logits, first + r);
                }
            }
        }

        return accuracy ? correct / (double)SampleCount : loss / SampleCount;
    }

    private void CheckSizes(ReadOnlySpan<double> theta, ReadOnlySpan<double> workspace, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(theta.Length, ParameterCount, nameof(theta));
        ArgumentOutOfRangeException.ThrowIfLessThan(workspace.Length, length, nameof(workspace));
    }

    /// <summary>Lanes a chunk of <paramref name="count"/> samples takes: whole vectors, at most <see cref="Chunk"/>.</summary>
    private static int LanesFor<T>(int count)
        where T : struct, ILanes<T> => Math.Min(Chunk, (count + T.Count - 1) / T.Count * T.Count);

    /// <summary>The forward pass's parts of a workspace: a chunk's inputs, pre-activations and activations, one layer's rows.</summary>
    private ForwardParts Split(Span<double> workspace)
    {
        var inputs = Chunk * _widths[0];
        var units = Chunk * _totalUnits;
        return new ForwardParts(workspace[..inputs], workspace.Slice(inputs, units), workspace.Slice(inputs + units, units), workspace.Slice(inputs + (2 * units), Chunk * _widest));
    }

    /// <summary>
    /// The inputs of <paramref name="samples"/>, input by input (row k holds input k of every sample), zero in the lanes up
    /// to <paramref name="lanes"/> that no sample fills, so those compute on finite numbers.
    /// </summary>
    private void GatherInputs(ReadOnlySpan<int> samples, Span<double> inputs, int lanes)
    {
        var d = _widths[0];
        for (var k = 0; k < d; k++)
        {
            var row = inputs.Slice(k * Chunk, Chunk);
            for (var r = 0; r < samples.Length; r++)
            {
                row[r] = _inputs[(samples[r] * d) + k];
            }

            row[samples.Length..lanes].Clear();
        }
    }

    /// <summary>Unit rows (unit j of sample r at j·<see cref="Chunk"/> + r) to sample rows (at r·width + j).</summary>
    private static void ToSampleRows(ReadOnlySpan<double> units, int width, int count, Span<double> rows)
    {
        for (var j = 0; j < width; j++)
        {
            var row = units.Slice(j * Chunk, count);
            for (var r = 0; r < row.Length; r++)
            {
                rows[(r * width) + j] = row[r];
            }
        }
    }

    /// <summary>
    /// z = Wa + b layer by layer for the first <paramref name="count"/> samples of the chunk in <paramref name="parts"/>
    /// (as <c>addmm</c>: each unit's products in input order from 0, then the bias), activations between. Unit j of
    /// layer l holds its <see cref="Chunk"/> samples at <see cref="Chunk"/>·(unitOffset + j), a vector of samples at a time.
    /// </summary>
    private void ForwardChunk<T>(ReadOnlySpan<double> theta, ForwardParts parts, int count)
        where T : struct, ILanes<T>
    {
        var lanes = LanesFor<T>(count);
        ReadOnlySpan<double> input = parts.Inputs;
        var layers = _widths.Length - 1;
        for (var l = 0; l < layers; l++)
        {
            var inWidth = _widths[l];
            var outWidth = _widths[l + 1];
            var z = parts.Pre.Slice(Chunk * _unitOffsets[l + 1], Chunk * outWidth);
            MatrixTimesLanes<T>(theta.Slice(_weightOffsets[l], outWidth * inWidth), inWidth, 1, input, inWidth, z, outWidth, lanes, theta.Slice(_biasOffsets[l], outWidth));
            if (l + 1 < layers)
            {
                var y = parts.Post.Slice(Chunk * _unitOffsets[l + 1], Chunk * outWidth);
                for (var j = 0; j < outWidth; j++)
                {
                    VectorActivations.Apply<T>(Activation, z.Slice(j * Chunk, lanes), y.Slice(j * Chunk, lanes));
                }

                input = y;
            }
        }
    }

    /// <summary>
    /// output[i] = (Σₘ w[i·rowStride + m·termStride]·input[m]) (+ bias[i]) for <paramref name="rows"/> rows i and
    /// <paramref name="terms"/> terms m, each a row of <see cref="Chunk"/> samples of which the first
    /// <paramref name="lanes"/> are computed: every sample's sum in m order from 0, then the bias. Two rows by four
    /// vectors of samples at a time (eight independent sums sharing each load); an odd last row and lanes short of four
    /// vectors one vector at a time. The forward pass is W·a (row stride = inputs, term stride 1), the backward pass
    /// Wᵀ·e (1, inputs).
    /// </summary>
    private static void MatrixTimesLanes<T>(ReadOnlySpan<double> w, int rowStride, int termStride, ReadOnlySpan<double> input, int terms, Span<double> output, int rows, int lanes, ReadOnlySpan<double> bias)
        where T : struct, ILanes<T>
    {
        var v = T.Count;
        ref var in0 = ref MemoryMarshal.GetReference(input[..(terms * Chunk)]);
        ref var out0 = ref MemoryMarshal.GetReference(output[..(rows * Chunk)]);
        var biased = !bias.IsEmpty;
        var paired = rows / 2 * 2;
        var grouped = lanes / (4 * v) * 4 * v;
        for (var i = 0; i < paired; i += 2)
        {
            var row0 = w[(i * rowStride)..];
            var row1 = w[((i + 1) * rowStride)..];
            var at0 = (nuint)(i * Chunk);
            var at1 = at0 + Chunk;
            for (var s = 0; s < grouped; s += 4 * v)
            {
                var s0 = T.Zero;
                var s1 = T.Zero;
                var s2 = T.Zero;
                var s3 = T.Zero;
                var u0 = T.Zero;
                var u1 = T.Zero;
                var u2 = T.Zero;
                var u3 = T.Zero;
                for (var m = 0; m < terms; m++)
                {
                    var w0 = T.Create(row0[m * termStride]);
                    var w1 = T.Create(row1[m * termStride]);
                    var from = (nuint)((m * Chunk) + s);
                    var x0 = T.Load(ref in0, from);
                    var x1 = T.Load(ref in0, from + (nuint)v);
                    var x2 = T.Load(ref in0, from + (nuint)(2 * v));
                    var x3 = T.Load(ref in0, from + (nuint)(3 * v));
                    s0 += w0 * x0;
                    s1 += w0 * x1;
                    s2 += w0 * x2;
                    s3 += w0 * x3;
                    u0 += w1 * x0;
                    u1 += w1 * x1;
                    u2 += w1 * x2;
                    u3 += w1 * x3;
                }

                if (biased)
                {
                    var b0 = T.Create(bias[i]);
                    var b1 = T.Create(bias[i + 1]);
                    s0 += b0;
                    s1 += b0;
                    s2 += b0;
                    s3 += b0;
                    u0 += b1;
                    u1 += b1;
                    u2 += b1;
                    u3 += b1;
                }

                var to = (nuint)s;
                s0.Store(ref out0, at0 + to);
                s1.Store(ref out0, at0 + to + (nuint)v);
                s2.Store(ref out0, at0 + to + (nuint)(2 * v));
                s3.Store(ref out0, at0 + to + (nuint)(3 * v));
                u0.Store(ref out0, at1 + to);
                u1.Store(ref out0, at1 + to + (nuint)v);
                u2.Store(ref out0, at1 + to + (nuint)(2 * v));
                u3.Store(ref out0, at1 + to + (nuint)(3 * v));
            }
        }

        for (var i = 0; i < rows; i++)
        {
            var row = w[(i * rowStride)..];
            var b = biased ? T.Create(bias[i]) : T.Zero;
            var at = (nuint)(i * Chunk);
            for (var s = i < paired ? grouped : 0; s < lanes; s += v)
            {
                var sum = T.Zero;
                for (var m = 0; m < terms; m++)
                {
                    sum += T.Create(row[m * termStride]) * T.Load(ref in0, (nuint)((m * Chunk) + s));
                }

                if (biased)
                {
                    sum += b;
                }

                sum.Store(ref out0, at + (nuint)s);
            }
        }
    }

    /// <summary>∂/∂b[j] += e[j, r] for the samples r = 0, 1, … in turn, four units at a time so their sums run side by side.</summary>
    private static void AddBiasGradient(ReadOnlySpan<double> error, int width, int count, Span<double> target)
    {
        var j = 0;
        for (; j + 4 <= width; j += 4)
        {
            var e0 = error.Slice(j * Chunk, count);
            var e1 = error.Slice((j + 1) * Chunk, count);
            var e2 = error.Slice((j + 2) * Chunk, count);
            var e3 = error.Slice((j + 3) * Chunk, count);
            double t0 = target[j], t1 = target[j + 1], t2 = target[j + 2], t3 = target[j + 3];
            for (var r = 0; r < count; r++)
            {
                t0 += e0[r];
                t1 += e1[r];
                t2 += e2[r];
                t3 += e3[r];
            }

            target[j] = t0;
            target[j + 1] = t1;
            target[j + 2] = t2;
            target[j + 3] = t3;
        }

        for (; j < width; j++)
        {
            var e = error.Slice(j * Chunk, count);
            var t = target[j];
            for (var r = 0; r < count; r++)
            {
                t += e[r];
            }

            target[j] = t;
        }
    }

    /// <summary>
    /// ∂/∂W[j, k] += e[j, r]·a[r, k] for the samples r = 0, 1, … in turn, into θ's row-major layout: a vector of inputs k
    /// at a time from the sample rows <paramref name="inputRows"/>, four units j side by side; inputs that do not fill a
    /// vector one by one, four units side by side.
    /// </summary>
    private static void AddWeightGradient<T>(ReadOnlySpan<double> error, ReadOnlySpan<double> inputRows, int outWidth, int inWidth, int count, Span<double> target)
        where T : struct, ILanes<T>
    {
        var v = T.Count;
        ref var a0 = ref MemoryMarshal.GetReference(inputRows[..(count * inWidth)]);
        ref var g0 = ref MemoryMarshal.GetReference(target[..(outWidth * inWidth)]);
        ref var e0 = ref MemoryMarshal.GetReference(error[..((outWidth - 1) * Chunk + count)]);
        var vectorEnd = inWidth / v * v;
        var j = 0;
        for (; j + 4 <= outWidth; j += 4)
        {
            var row0 = (nuint)(j * inWidth);
            var row1 = row0 + (nuint)inWidth;
            var row2 = row1 + (nuint)inWidth;
            var row3 = row2 + (nuint)inWidth;
            var err0 = j * Chunk;
            var k = 0;
            for (; k + (2 * v) <= vectorEnd; k += 2 * v)
            {
                // Two vectors of inputs for the four units: eight independent sums, each sample's inputs loaded once.
                var t0 = T.Load(ref g0, row0 + (nuint)k);
                var t1 = T.Load(ref g0, row1 + (nuint)k);
                var t2 = T.Load(ref g0, row2 + (nuint)k);
                var t3 = T.Load(ref g0, row3 + (nuint)k);
                var q0 = T.Load(ref g0, row0 + (nuint)(k + v));
                var q1 = T.Load(ref g0, row1 + (nuint)(k + v));
                var q2 = T.Load(ref g0, row2 + (nuint)(k + v));
                var q3 = T.Load(ref g0, row3 + (nuint)(k + v));
                for (var r = 0; r < count; r++)
                {
                    var a = T.Load(ref a0, (nuint)((r * inWidth) + k));
                    var c = T.Load(ref a0, (nuint)((r * inWidth) + k + v));
                    var f0 = T.Create(Unsafe.Add(ref e0, err0 + r));
                    var f1 = T.Create(Unsafe.Add(ref e0, err0 + Chunk + r));
                    var f2 = T.Create(Unsafe.Add(ref e0, err0 + (2 * Chunk) + r));
                    var f3 = T.Create(Unsafe.Add(ref e0, err0 + (3 * Chunk) + r));
                    t0 += f0 * a;
                    t1 += f1 * a;
                    t2 += f2 * a;
                    t3 += f3 * a;
                    q0 += f0 * c;
                    q1 += f1 * c;
                    q2 += f2 * c;
                    q3 += f3 * c;
                }

                t0.Store(ref g0, row0 + (nuint)k);
                t1.Store(ref g0, row1 + (nuint)k);
                t2.Store(ref g0, row2 + (nuint)k);
                t3.Store(ref g0, row3 + (nuint)k);
                q0.Store(ref g0, row0 + (nuint)(k + v));
                q1.Store(ref g0, row1 + (nuint)(k + v));
                q2.Store(ref g0, row2 + (nuint)(k + v));
                q3.Store(ref g0, row3 + (nuint)(k + v));
            }

            for (; k < vectorEnd; k += v)
            {
                var t0 = T.Load(ref g0, row0 + (nuint)k);
                var t1 = T.Load(ref g0, row1 + (nuint)k);
                var t2 = T.Load(ref g0, row2 + (nuint)k);
                var t3 = T.Load(ref g0, row3 + (nuint)k);
                for (var r = 0; r < count; r++)
                {
                    var a = T.Load(ref a0, (nuint)((r * inWidth) + k));
                    t0 += T.Create(Unsafe.Add(ref e0, err0 + r)) * a;
                    t1 += T.Create(Unsafe.Add(ref e0, err0 + Chunk + r)) * a;
                    t2 += T.Create(Unsafe.Add(ref e0, err0 + (2 * Chunk) + r)) * a;
                    t3 += T.Create(Unsafe.Add(ref e0, err0 + (3 * Chunk) + r)) * a;
                }

                t0.Store(ref g0, row0 + (nuint)k);
                t1.Store(ref g0, row1 + (nuint)k);
                t2.Store(ref g0, row2 + (nuint)k);
                t3.Store(ref g0, row3 + (nuint)k);
            }

            for (k = vectorEnd; k < inWidth; k++)
            {
                var t0 = Unsafe.Add(ref g0, row0 + (nuint)k);
                var t1 = Unsafe.Add(ref g0, row1 + (nuint)k);
                var t2 = Unsafe.Add(ref g0, row2 + (nuint)k);
                var t3 = Unsafe.Add(ref g0, row3 + (nuint)k);
                for (var r = 0; r < count; r++)
                {
                    var a = Unsafe.Add(ref a0, (r * inWidth) + k);
                    t0 += Unsafe.Add(ref e0, err0 + r) * a;
                    t1 += Unsafe.Add(ref e0, err0 + Chunk + r) * a;
                    t2 += Unsafe.Add(ref e0, err0 + (2 * Chunk) + r) * a;
                    t3 += Unsafe.Add(ref e0, err0 + (3 * Chunk) + r) * a;
                }

                Unsafe.Add(ref g0, row0 + (nuint)k) = t0;
                Unsafe.Add(ref g0, row1 + (nuint)k) = t1;
                Unsafe.Add(ref g0, row2 + (nuint)k) = t2;
                Unsafe.Add(ref g0, row3 + (nuint)k) = t3;
            }
        }

        for (; j < outWidth; j++)
        {
            var row = (nuint)(j * inWidth);
            var err = j * Chunk;
            for (var k = 0; k < vectorEnd; k += v)
            {
                var t = T.Load(ref g0, row + (nuint)k);
                for (var r = 0; r < count; r++)
                {
                    t += T.Create(Unsafe.Add(ref e0, err + r)) * T.Load(ref a0, (nuint)((r * inWidth) + k));
                }

                t.Store(ref g0, row + (nuint)k);
            }

            for (var k = vectorEnd; k < inWidth; k++)
            {
                var t = Unsafe.Add(ref g0, row + (nuint)k);
                for (var r = 0; r < count; r++)
                {
                    t += Unsafe.Add(ref e0, err + r) * Unsafe.Add(ref a0, (r * inWidth) + k);
                }

                Unsafe.Add(ref g0, row + (nuint)k) = t;
            }
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

                // One of e^(−m) and e^(−x−m) is e^0 = 1 exactly (m is 0 or −x), so only the other is computed.
                return ((1 - t) * x) + m + Math.Log(1 + Math.Exp(m == 0 ? -x : -m));
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

    /// <summary>
    /// The loss of one sample from its outputs, which are then overwritten by ∂(loss/|B|)/∂outputs (<paramref name="scale"/>
    /// = 1/|B|). The exponentials the loss and its gradient share are computed once, so the bits are those of computing
    /// <see cref="SampleLoss"/> and the gradient apart.
    /// </summary>
    private double SampleLossAndError(Span<double> outputs, int sample, double scale)
    {
        var t = _targets[sample];
        switch (LossKind)
        {
            case NetworkLoss.MeanSquaredError:
                var r = outputs[0] - t;
                outputs[0] = 2 * r * scale;
                return r * r;
            case NetworkLoss.BinaryCrossEntropyWithLogits:
                var x = outputs[0];
                var m = Math.Max(-x, 0.0);

                // The loss needs e^(−x) when m = 0 (x ≥ 0), as σ(x) = 1/(1 + e^(−x)) always does.
                var minusX = Math.Exp(-x);
                var loss = ((1 - t) * x) + m + Math.Log(1 + (m == 0 ? minusX : Math.Exp(-m)));
                outputs[0] = ((1 / (1 + minusX)) - t) * scale;
                return loss;
            default:
                var logSum = LogSumExpAboveMax(outputs, out var max);
                var label = (int)t;
                var sampleLoss = -(outputs[label] - max - logSum);
                for (var j = 0; j < outputs.Length; j++)
                {
                    // log_softmax_backward: g − exp(log p)·Σg, with g = −1/|B| at the label and 0 elsewhere.
                    var p = Math.Exp(outputs[j] - max - logSum);
                    outputs[j] = (p * scale) - (j == label ? scale : 0.0);
                }

                return sampleLoss;
        }
    }

    /// <summary>A forward pass's scratch: a chunk's inputs, pre-activations and activations (unit by unit), and one layer's rows (sample by sample).</summary>
    private readonly ref struct ForwardParts(Span<double> inputs, Span<double> pre, Span<double> post, Span<double> rows)
    {
        public Span<double> Inputs { get; } = inputs;

        public Span<double> Pre { get; } = pre;

        public Span<double> Post { get; } = post;

        public Span<double> Rows { get; } = rows;
    }
}
