namespace DescentLab.Randomness;

/// <summary>Torch's normal draws: <c>tensor.normal_</c> and <c>torch.randn</c> on float64 tensors.</summary>
public sealed partial class TorchGenerator
{
    /// <summary>
    /// The second sample of the scalar Box-Muller draw, cached as <c>CPUGeneratorImpl::next_double_normal_sample_</c>
    /// (<c>manual_seed</c> clears it).
    /// </summary>
    private double? _nextNormal;

    /// <summary>One float64 uniform in [0, 1): <c>uniform_real_distribution&lt;double&gt;(0, 1)</c>, 53 bits of <c>random64()</c> times 2⁻⁵³.</summary>
    public double UniformDouble() => (Random64() & ((1UL << 53) - 1)) * (1.0 / (1UL << 53));

    /// <summary>
    /// Fills <paramref name="destination"/> as torch 1.13's <c>torch.empty(n, dtype=torch.float64).normal_(mean, std, generator=g)</c>
    /// (and <c>torch.randn</c>, which is <c>normal_(0, 1)</c>) does, for n = its length.
    /// </summary>
    /// <remarks>
    /// <c>normal_kernel</c> in aten/src/ATen/native/cpu/DistributionTemplates.h has two paths. For 16 or more elements,
    /// <c>normal_fill</c> draws every uniform first, then turns each block of 16 into normals by Box-Muller, u1 = 1 − data[j]
    /// and u2 = data[j + 8] giving data[j] = √(−2 ln u1)·cos(2π u2) and data[j + 8] the sine; a length that is not a
    /// multiple of 16 has its last 16 uniforms drawn again and transformed again. Fewer than 16 elements take
    /// <c>at::normal_distribution&lt;double&gt;</c> (aten/src/ATen/core/DistributionsHelper.h) one by one: u1, u2, then
    /// r = √(−2 ln(1 − u2)), θ = 2π u1, return r·cos θ and cache r·sin θ in the generator for the next scalar draw.
    /// Both scale by std and add mean last; torch's AVX2 build contracts that into a fused multiply-add, as here.
    /// </remarks>
    public void Normal(Span<double> destination, double mean = 0, double std = 1)
    {
        if (!(std >= 0) || !double.IsFinite(std) || !double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(std), std, $"normal_: std must be finite and at least 0 (mean {mean}).");
        }

        var n = destination.Length;
        if (n < 16)
        {
            for (var i = 0; i < n; i++)
            {
                destination[i] = Math.FusedMultiplyAdd(NextScalarNormal(), std, mean);
            }

            return;
        }

        for (var i = 0; i < n; i++)
        {
            destination[i] = UniformDouble();
        }

        for (var i = 0; i + 16 <= n; i += 16)
        {
            NormalFill16(destination.Slice(i, 16), mean, std);
        }

        if (n % 16 != 0)
        {
            var last = destination[(n - 16)..];
            for (var i = 0; i < 16; i++)
            {
                last[i] = UniformDouble();
            }

            NormalFill16(last, mean, std);
        }
    }

    private double NextScalarNormal()
    {
        if (_nextNormal is { } cached)
        {
            _nextNormal = null;
            return cached;
        }

        var u1 = UniformDouble();
        var u2 = UniformDouble();
        var r = Math.Sqrt(-2.0 * Math.Log(1.0 - u2));
        var theta = 2.0 * Math.PI * u1;
        _nextNormal = r * Math.Sin(theta);
        return r * Math.Cos(theta);
    }

    private static void NormalFill16(Span<double> data, double mean, double std)
    {
        for (var j = 0; j < 8; j++)
        {
            var u1 = 1 - data[j];
            var u2 = data[j + 8];
            var radius = Math.Sqrt(-2 * Math.Log(u1));
            var theta = 2.0 * Math.PI * u2;
            data[j] = Math.FusedMultiplyAdd(radius * Math.Cos(theta), std, mean);
            data[j + 8] = Math.FusedMultiplyAdd(radius * Math.Sin(theta), std, mean);
        }
    }
}
