namespace DescentLab.Landscapes;

/// <summary>Points of parameter space projected onto a plane θ₀ + α·d₁ + β·d₂.</summary>
public static class PlaneProjection
{
    /// <summary>
    /// The plane coordinates (α, β) that bring θ₀ + α·d₁ + β·d₂ closest to <paramref name="theta"/>: the least-squares
    /// projection Li et al.'s <c>project_2D</c> computes with <c>proj_method='lstsq'</c>, and the orthogonal projection
    /// (α = d₁·(θ − θ₀), β = d₂·(θ − θ₀)) when the directions are orthonormal, as PCA directions are.
    /// </summary>
    /// <remarks>
    /// Solves the 2×2 normal equations [d₁·d₁ d₁·d₂; d₁·d₂ d₂·d₂][α; β] = [d₁·r; d₂·r] with r = θ − θ₀.
    /// </remarks>
    /// <returns>The coordinates, and the length of the part of r off the plane relative to ‖r‖ (0 when r = 0).</returns>
    public static (double Alpha, double Beta, double OffPlane) Project(ReadOnlySpan<double> centre, ReadOnlySpan<double> d1, ReadOnlySpan<double> d2, ReadOnlySpan<double> theta)
    {
        var p = centre.Length;
        if (d1.Length != p || d2.Length != p || theta.Length != p)
        {
            throw new ArgumentException($"centre, both directions and theta need {p} values each.", nameof(theta));
        }

        double uu = 0, uv = 0, vv = 0, ur = 0, vr = 0, rr = 0;
        for (var k = 0; k < p; k++)
        {
            var r = theta[k] - centre[k];
            uu += d1[k] * d1[k];
            uv += d1[k] * d2[k];
            vv += d2[k] * d2[k];
            ur += d1[k] * r;
            vr += d2[k] * r;
            rr += r * r;
        }

        var determinant = (uu * vv) - (uv * uv);
        if (!(determinant > 1e-14 * uu * vv))
        {
            throw new ArgumentException("d2: the two directions are parallel (or one is zero); they do not span a plane.", nameof(d2));
        }

        var alpha = ((vv * ur) - (uv * vr)) / determinant;
        var beta = ((uu * vr) - (uv * ur)) / determinant;
        if (rr == 0)
        {
            return (alpha, beta, 0);
        }

        var residual = 0.0;
        for (var k = 0; k < p; k++)
        {
            var e = theta[k] - centre[k] - (alpha * d1[k]) - (beta * d2[k]);
            residual += e * e;
        }

        return (alpha, beta, Math.Sqrt(residual / rr));
    }
}
