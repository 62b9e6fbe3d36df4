using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DescentLab.Data;

namespace DescentLab.Models;

/// <summary>
/// A least-squares regression problem: a dataset, a polynomial feature map of one degree on every input column
/// plus an intercept, and the mean-squared-error loss. The model is linear in its parameters θ.
/// </summary>
/// <remarks>
/// Features per sample, in parameter order: x₁, x₁², …, x₁ᵈ, x₂, …, x₂ᵈ, …, 1. For one column this is the order of
/// PyTorch's <c>nn.Linear</c> on <c>[x, x²]</c> followed by its bias. L(θ) = (1/n) Σᵢ (zᵢᵀθ − yᵢ)².
/// </remarks>
public sealed class Problem : IModel
{
    private readonly double[] _rows;

    /// <summary>Builds the problem of <paramref name="data"/> with polynomial features of degree <paramref name="degree"/>.</summary>
    public Problem(Dataset data, int degree)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (degree < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(degree), degree, "degree: must be at least 1.");
        }

        if (data.Count < 1)
        {
            throw new ArgumentException("The dataset has no samples.", nameof(data));
        }

        FeatureRange.Check(data, degree);

        Data = data;
        Degree = degree;
        ParameterCount = ParameterCountOf(data.InputCount, degree);
        // Up to three parameters a row [z, y] is padded to four doubles, so the hot loop reads it as one 256-bit vector.
        RowStride = ParameterCount < 4 ? 4 : ParameterCount + 1;
        SampleCount = data.Count;

        var names = new List<string>(ParameterCount);
        foreach (var name in data.InputNames)
        {
            names.Add(name);
            for (var k = 2; k <= degree; k++)
            {
                names.Add($"{name}^{k}");
            }
        }

        names.Add("1");
        ParameterNames = names;
        Blocks =
        [
            new ParameterBlock("weight", 1, ParameterCount - 1, 0, IsMatrix: true),
            new ParameterBlock("bias", 1, 1, ParameterCount - 1, IsMatrix: false),
        ];

        _rows = new double[SampleCount * RowStride];
        Span<double> inputs = stackalloc double[data.InputCount];
        for (var i = 0; i < SampleCount; i++)
        {
            for (var c = 0; c < data.InputCount; c++)
            {
                inputs[c] = data.Input(c)[i];
            }

            var row = _rows.AsSpan(i * RowStride, RowStride);
            Features(inputs, row[..ParameterCount]);
            row[ParameterCount] = data.Output[i];
        }

        FullData = QuadraticForm.FromRows(_rows, RowStride, ParameterCount, []);
    }

    /// <summary>The dataset as used.</summary>
    public Dataset Data { get; }

    /// <summary>The polynomial degree d on each input column.</summary>
    public int Degree { get; }

    /// <summary>The number of samples n.</summary>
    public int SampleCount { get; }

    /// <summary>The parameters of a model of <paramref name="degree"/> on <paramref name="inputCount"/> input columns: each column's powers 1…degree, then the intercept.</summary>
    public static int ParameterCountOf(int inputCount, int degree) => (inputCount * degree) + 1;

    /// <summary>The number of parameters p = columns·d + 1.</summary>
    public int ParameterCount { get; }

    /// <summary>The term each parameter multiplies (<c>x</c>, <c>x^2</c>, …, <c>1</c>), in parameter order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The parameters as <c>nn.Linear(columns·d, 1)</c> holds them: <c>weight</c> (the feature terms), then <c>bias</c> (the term <c>1</c>).</summary>
    public IReadOnlyList<ParameterBlock> Blocks { get; }

    /// <summary>The linear model needs no scratch space.</summary>
    public int WorkspaceLength => 0;

    /// <summary>L* from the sufficient statistics.</summary>
    double? IModel.MinimumLoss => FullData.MinimumLoss;

    /// <summary>The full-data loss as a quadratic form: S, r, s, θ*, L*.</summary>
    public QuadraticForm FullData { get; }

    /// <summary>Doubles per packed row: the p features, then y.</summary>
    internal int RowStride { get; }

    /// <summary>The packed rows [z₀ … z_{p−1}, y] of every sample.</summary>
    internal ReadOnlySpan<double> Rows => _rows;

    /// <summary>Writes the features of one sample with inputs <paramref name="inputs"/> (one value per input column).</summary>
    public void Features(ReadOnlySpan<double> inputs, Span<double> features)
    {
        if (inputs.Length != Data.InputCount || features.Length != ParameterCount)
        {
            throw new ArgumentException($"Expected {Data.InputCount} inputs and room for {ParameterCount} features.");
        }

        var j = 0;
        foreach (var x in inputs)
        {
            var power = x;
            features[j++] = power;
            for (var k = 2; k <= Degree; k++)
            {
                power *= x;
                features[j++] = power;
            }
        }

        features[j] = 1.0;
    }

    /// <summary>The model's prediction zᵢᵀθ for sample <paramref name="sample"/>.</summary>
    public double Predict(ReadOnlySpan<double> theta, int sample)
    {
        var row = _rows.AsSpan(sample * RowStride, ParameterCount);
        var sum = 0.0;
        for (var j = 0; j < row.Length; j++)
        {
            sum += row[j] * theta[j];
        }

        return sum;
    }

    /// <summary>The full-data loss L(θ) through the sufficient statistics.</summary>
    public double Loss(ReadOnlySpan<double> theta) => FullData.Evaluate(theta);

    /// <summary>The full-data loss L(θ) by direct summation over the samples (a reference for tests).</summary>
    /// <remarks>
    /// Each residual is a compensated dot product: near a close fit a plain one keeps only ε·|zᵢᵀθ| / |rᵢ| of its
    /// digits (about 1e-7 relative for residuals of 1e-6 on predictions of 1000), which is no reference at all.
    /// </remarks>
    public double DirectLoss(ReadOnlySpan<double> theta)
    {
        var sum = 0.0;
        for (var i = 0; i < SampleCount; i++)
        {
            var r = QuadraticForm.Residual(_rows.AsSpan(i * RowStride, RowStride), theta[..ParameterCount]);
            sum += r * r;
        }

        return sum / SampleCount;
    }

    /// <summary>
    /// The mean-squared error of the samples <paramref name="batch"/> at θ, and its gradient written to
    /// <paramref name="gradient"/>, by direct summation. Allocates nothing.
    /// </summary>
    /// <remarks>
    /// L_B = (1/|B|) Σ_{i∈B} rᵢ², ∇L_B = (2/|B|) Σ_{i∈B} rᵢ zᵢ with rᵢ = zᵢᵀθ − yᵢ. Rows packed in four doubles (p ≤ 3)
    /// take one summation order whether or not the hardware has 256-bit vectors, so results agree bit for bit across
    /// machines; the generic loop (p ≥ 4) is scalar everywhere.
    /// </remarks>
    public double BatchLossAndGradient(ReadOnlySpan<double> theta, ReadOnlySpan<int> batch, Span<double> gradient)
    {
        if (RowStride == 4)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(theta.Length, ParameterCount, nameof(theta));
            ArgumentOutOfRangeException.ThrowIfLessThan(gradient.Length, ParameterCount, nameof(gradient));
            return Vector256.IsHardwareAccelerated
                ? BatchLossAndGradientPacked(theta, batch, gradient)
                : BatchLossAndGradientPackedScalar(theta, batch, gradient);
        }

        var p = ParameterCount;
        var stride = RowStride;
        var rows = _rows.AsSpan();
        gradient = gradient[..p];
        gradient.Clear();
        var loss = 0.0;
        foreach (var i in batch)
        {
            var row = rows.Slice(i * stride, p + 1);
            var r = -row[p];
            for (var j = 0; j < p; j++)
            {
                r += row[j] * theta[j];
            }

            loss += r * r;
            for (var j = 0; j < p; j++)
            {
                gradient[j] += r * row[j];
            }
        }

        var scale = 2.0 / batch.Length;
        for (var j = 0; j < p; j++)
        {
            gradient[j] *= scale;
        }

        return loss / batch.Length;
    }

    /// <inheritdoc/>
    double IModel.BatchLossAndGradient(ReadOnlySpan<double> theta, ReadOnlySpan<int> batch, Span<double> gradient, Span<double> workspace) =>
        BatchLossAndGradient(theta, batch, gradient);

    /// <summary>
    /// <see cref="BatchLossAndGradient"/> for rows packed in four doubles (p ≤ 3): each row is one vector [z, y, 0…],
    /// θ is extended to e = [θ, −1, 0…] so that the residual is one dot product, and the gradient sum one vector FMA.
    /// </summary>
    /// <remarks>
    /// The order, which <see cref="BatchLossAndGradientPackedScalar"/> repeats operation for operation: the residual is
    /// (z₀e₀ + z₂e₂) + (z₁e₁ + z₃e₃); even and odd batch positions go to two chains (losses and FMA gradient sums) that
    /// hide the latency and are added at the end.
    /// </remarks>
    private double BatchLossAndGradientPacked(ReadOnlySpan<double> theta, ReadOnlySpan<int> batch, Span<double> gradient)
    {
        var p = ParameterCount;
        var e = p switch
        {
            3 => Vector256.Create(theta[0], theta[1], theta[2], -1.0),
            2 => Vector256.Create(theta[0], theta[1], -1.0, 0.0),
            _ => Vector256.Create(theta[0], -1.0, 0.0, 0.0),
        };

        ref var rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        var count = (uint)SampleCount;
        var sum0 = Vector256<double>.Zero;
        var sum1 = Vector256<double>.Zero;
        var loss0 = 0.0;
        var loss1 = 0.0;
        var k = 0;
        for (; k + 1 < batch.Length; k += 2)
        {
            var i0 = batch[k];
            var i1 = batch[k + 1];
            if ((uint)i0 >= count || (uint)i1 >= count)
            {
                ThrowIndexOutOfRange(Math.Max(i0, i1), SampleCount);
            }

            var a = Vector256.LoadUnsafe(ref rows, (nuint)i0 * 4);
            var b = Vector256.LoadUnsafe(ref rows, (nuint)i1 * 4);
            var r0 = Dot(a, e);
            var r1 = Dot(b, e);
            loss0 += r0 * r0;
            loss1 += r1 * r1;
            sum0 = Vector256.FusedMultiplyAdd(a, Vector256.Create(r0), sum0);
            sum1 = Vector256.FusedMultiplyAdd(b, Vector256.Create(r1), sum1);
        }

        if (k < batch.Length)
        {
            var i0 = batch[k];
            if ((uint)i0 >= count)
            {
                ThrowIndexOutOfRange(i0, SampleCount);
            }

            var a = Vector256.LoadUnsafe(ref rows, (nuint)i0 * 4);
            var r = Dot(a, e);
            loss0 += r * r;
            sum0 = Vector256.FusedMultiplyAdd(a, Vector256.Create(r), sum0);
        }

        var g = (sum0 + sum1) * (2.0 / batch.Length);
        for (var j = 0; j < p; j++)
        {
            gradient[j] = g.GetElement(j);
        }

        return (loss0 + loss1) / batch.Length;
    }

    private static double Dot(Vector256<double> a, Vector256<double> b)
    {
        var product = a * b;
        var half = product.GetLower() + product.GetUpper();
        return half.ToScalar() + half.GetElement(1);
    }

    /// <summary>
    /// <see cref="BatchLossAndGradientPacked"/> without vectors, for hardware without 256-bit ones (ARM64, WebAssembly,
    /// or <c>DOTNET_EnableHWIntrinsic=0</c>): the same operations in the same order, lane by lane.
    /// </summary>
    /// <remarks>
    /// <see cref="Math.FusedMultiplyAdd"/> rounds once, as the vector FMA does, in hardware or in software.
    /// </remarks>
    private double BatchLossAndGradientPackedScalar(ReadOnlySpan<double> theta, ReadOnlySpan<int> batch, Span<double> gradient)
    {
        var p = ParameterCount;
        var e0 = theta[0];
        var e1 = p >= 2 ? theta[1] : -1.0;
        var e2 = p switch { 3 => theta[2], 2 => -1.0, _ => 0.0 };
        var e3 = p == 3 ? -1.0 : 0.0;

        var rows = _rows.AsSpan();
        var count = (uint)SampleCount;

        // Lane 3 of the vector sums (y times the residual) is never read, so it is not kept here.
        double s00 = 0, s01 = 0, s02 = 0;
        double s10 = 0, s11 = 0, s12 = 0;
        var loss0 = 0.0;
        var loss1 = 0.0;
        var k = 0;
        for (; k + 1 < batch.Length; k += 2)
        {
            var i0 = batch[k];
            var i1 = batch[k + 1];
            if ((uint)i0 >= count || (uint)i1 >= count)
            {
                ThrowIndexOutOfRange(Math.Max(i0, i1), SampleCount);
            }

            var a = rows.Slice(i0 * 4, 4);
            var b = rows.Slice(i1 * 4, 4);
            var r0 = ((a[0] * e0) + (a[2] * e2)) + ((a[1] * e1) + (a[3] * e3));
            var r1 = ((b[0] * e0) + (b[2] * e2)) + ((b[1] * e1) + (b[3] * e3));
            loss0 += r0 * r0;
            loss1 += r1 * r1;
            s00 = Math.FusedMultiplyAdd(a[0], r0, s00);
            s01 = Math.FusedMultiplyAdd(a[1], r0, s01);
            s02 = Math.FusedMultiplyAdd(a[2], r0, s02);
            s10 = Math.FusedMultiplyAdd(b[0], r1, s10);
            s11 = Math.FusedMultiplyAdd(b[1], r1, s11);
            s12 = Math.FusedMultiplyAdd(b[2], r1, s12);
        }

        if (k < batch.Length)
        {
            var i0 = batch[k];
            if ((uint)i0 >= count)
            {
                ThrowIndexOutOfRange(i0, SampleCount);
            }

            var a = rows.Slice(i0 * 4, 4);
            var r = ((a[0] * e0) + (a[2] * e2)) + ((a[1] * e1) + (a[3] * e3));
            loss0 += r * r;
            s00 = Math.FusedMultiplyAdd(a[0], r, s00);
            s01 = Math.FusedMultiplyAdd(a[1], r, s01);
            s02 = Math.FusedMultiplyAdd(a[2], r, s02);
        }

        var scale = 2.0 / batch.Length;
        gradient[0] = (s00 + s10) * scale;
        if (p >= 2)
        {
            gradient[1] = (s01 + s11) * scale;
        }

        if (p == 3)
        {
            gradient[2] = (s02 + s12) * scale;
        }

        return (loss0 + loss1) / batch.Length;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowIndexOutOfRange(int index, int sampleCount) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"Sample index {index} is outside 0..{sampleCount - 1}.");

    /// <summary>The loss of the samples <paramref name="batch"/> as a quadratic form (for fixed batches and landscapes).</summary>
    public QuadraticForm BatchForm(ReadOnlySpan<int> batch)
    {
        if (batch.IsEmpty)
        {
            throw new ArgumentException("A batch needs at least one sample.", nameof(batch));
        }

        return QuadraticForm.FromRows(_rows, RowStride, ParameterCount, batch);
    }
}
