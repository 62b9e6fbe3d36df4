using DescentLab.Models;
using MathNet.Numerics.LinearAlgebra;

namespace DescentLab.Landscapes;

/// <summary>Evaluates loss landscapes exactly, from sufficient statistics, for the full data or for batches.</summary>
/// <remarks>
/// With the loss written around its optimum, L(θ) = dᵀSd + L* for d = θ − θ*, split d into the plane's two
/// coordinates e = (du, dv) and the others w. A slice holds w, so L = eᵀS_ee e + 2eᵀS_ew w + wᵀS_ww w + L*: a quadratic
/// in (du, dv) whose six coefficients cost O(p²) once, then O(1) per grid point. A profile minimises over w, which
/// leaves the Schur complement: min_w L = eᵀ(S_ee − S_ew S_ww⁺ S_we)e + L*; the pseudo-inverse is exact for a
/// positive semi-definite S because the columns of S_we lie in the range of S_ww.
/// </remarks>
public static class Landscape
{
    /// <summary>The landscape of the loss <paramref name="form"/>, whose parameters are named <paramref name="parameterNames"/>.</summary>
    /// <remarks>A slice holds parameters missing from <see cref="LandscapePlane.FixedValues"/> at this form's optimum.</remarks>
    public static Surface Evaluate(QuadraticForm form, IReadOnlyList<string> parameterNames, LandscapePlane plane)
    {
        ArgumentNullException.ThrowIfNull(form);
        return EvaluateCore(form, parameterNames, plane, form.Optimum);
    }

    /// <summary>The landscape of the full-data loss of <paramref name="problem"/>.</summary>
    public static Surface Evaluate(Problem problem, LandscapePlane plane)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return EvaluateCore(problem.FullData, problem.ParameterNames, plane, problem.FullData.Optimum);
    }

    /// <summary>One landscape per batch, each the loss of that batch's samples alone (for example one epoch of a sampler).</summary>
    /// <remarks>A slice holds parameters missing from <see cref="LandscapePlane.FixedValues"/> at the full-data optimum, so every batch is cut by the same plane.</remarks>
    public static IReadOnlyList<Surface> EvaluateBatches(Problem problem, IReadOnlyList<int[]> batches, LandscapePlane plane)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(plane);
        var surfaces = new Surface[batches.Count];
        for (var b = 0; b < batches.Count; b++)
        {
            CheckBatch(problem, batches[b], b, nameof(batches));
            surfaces[b] = EvaluateCore(problem.BatchForm(batches[b]), problem.ParameterNames, plane, problem.FullData.Optimum);
        }

        return surfaces;
    }

    /// <summary>
    /// The same landscape by direct summation over the samples at every grid point, O(grid·n); a reference for tests.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="plane">The plane; a slice holds missing parameters at the full-data optimum.</param>
    /// <param name="batch">The samples to sum over; all samples when null.</param>
    /// <remarks>A profile solves the least-squares problem in the other parameters at each point, through the pseudo-inverse of their columns.</remarks>
    public static Surface EvaluateDirect(Problem problem, LandscapePlane plane, int[]? batch = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plane);
        var names = problem.ParameterNames;
        var p = problem.ParameterCount;
        var ix = IndexOf(names, plane.XParameter, nameof(LandscapePlane.XParameter), nameof(plane));
        var iy = IndexOf(names, plane.YParameter, nameof(LandscapePlane.YParameter), nameof(plane));
        CheckFixedNames(names, plane);
        int[] samples;
        if (batch is null)
        {
            samples = [.. Enumerable.Range(0, problem.SampleCount)];
        }
        else
        {
            CheckBatch(problem, batch, 0, nameof(batch));
            samples = batch;
        }

        var others = Enumerable.Range(0, p).Where(k => k != ix && k != iy).ToArray();
        var rows = problem.Rows;
        var stride = problem.RowStride;
        var m = samples.Length;
        var xs = plane.XAxis.Span;
        var ys = plane.YAxis.Span;
        var values = new double[xs.Length * ys.Length];
        var theta = new double[p];
        var fixedValues = new Dictionary<string, double>(StringComparer.Ordinal);
        if (plane.Kind == LandscapeKind.Slice)
        {
            foreach (var k in others)
            {
                theta[k] = plane.FixedValues.TryGetValue(names[k], out var v) ? v : problem.FullData.Optimum[k];
                fixedValues[names[k]] = theta[k];
            }

            for (var j = 0; j < ys.Length; j++)
            {
                for (var i = 0; i < xs.Length; i++)
                {
                    theta[ix] = xs[i];
                    theta[iy] = ys[j];
                    var sum = 0.0;
                    foreach (var s in samples)
                    {
                        var r = problem.Predict(theta, s) - rows[(s * stride) + p];
                        sum += r * r;
                    }

                    values[(j * xs.Length) + i] = sum / m;
                }
            }
        }
        else
        {
            var w = Matrix<double>.Build.Dense(m, Math.Max(others.Length, 1));
            for (var i = 0; i < m; i++)
            {
                for (var k = 0; k < others.Length; k++)
                {
                    w[i, k] = rows[(samples[i] * stride) + others[k]];
                }
            }

            // With no other parameter there is nothing to project out: the profile is the slice.
            NumericGuard.RequireFinite(w.AsColumnMajorArray(), "the batch's feature matrix");
            var pinv = others.Length == 0 ? Matrix<double>.Build.Dense(1, m) : w.PseudoInverse();
            var t = Vector<double>.Build.Dense(m);
            for (var j = 0; j < ys.Length; j++)
            {
                for (var i = 0; i < xs.Length; i++)
                {
                    for (var k = 0; k < m; k++)
                    {
                        var row = rows.Slice(samples[k] * stride, stride);
                        t[k] = row[p] - (xs[i] * row[ix]) - (ys[j] * row[iy]);
                    }

                    var residual = t - (w * (pinv * t));
                    values[(j * xs.Length) + i] = residual.DotProduct(residual) / m;
                }
            }
        }

        return new Surface(plane.XParameter, plane.YParameter, plane.Kind, [.. xs], [.. ys], values, fixedValues, m);
    }

    /// <summary>The index of <paramref name="name"/> among <paramref name="names"/>, or an exception naming <paramref name="field"/> of <paramref name="argument"/>.</summary>
    internal static int IndexOf(IReadOnlyList<string> names, string name, string field, string argument)
    {
        for (var k = 0; k < names.Count; k++)
        {
            if (string.Equals(names[k], name, StringComparison.Ordinal))
            {
                return k;
            }
        }

        throw new ArgumentException($"{field}: unknown parameter '{name}'; the parameters are {string.Join(", ", names)}.", argument);
    }

    private static void CheckFixedNames(IReadOnlyList<string> names, LandscapePlane plane)
    {
        foreach (var name in plane.FixedValues.Keys)
        {
            _ = IndexOf(names, name, nameof(LandscapePlane.FixedValues), nameof(plane));
        }
    }

    private static void CheckBatch(Problem problem, int[] batch, int number, string argument)
    {
        if (batch is null || batch.Length == 0)
        {
            throw new ArgumentException($"{argument}: batch {number} is empty.", argument);
        }

        foreach (var i in batch)
        {
            if ((uint)i >= (uint)problem.SampleCount)
            {
                throw new ArgumentException($"{argument}: batch {number} holds sample {i}, outside 0..{problem.SampleCount - 1}.", argument);
            }
        }
    }

    private static Surface EvaluateCore(QuadraticForm form, IReadOnlyList<string> names, LandscapePlane plane, ReadOnlySpan<double> fallback)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(plane);
        var p = form.ParameterCount;
        if (names.Count != p)
        {
            throw new ArgumentException($"parameterNames: {names.Count} names for {p} parameters.", nameof(names));
        }

        var ix = IndexOf(names, plane.XParameter, nameof(LandscapePlane.XParameter), nameof(plane));
        var iy = IndexOf(names, plane.YParameter, nameof(LandscapePlane.YParameter), nameof(plane));
        CheckFixedNames(names, plane);
        var s = form.SecondMoment;
        var optimum = form.Optimum;
        var others = new int[p - 2];
        for (int k = 0, o = 0; k < p; k++)
        {
            if (k != ix && k != iy)
            {
                others[o++] = k;
            }
        }

        var sxx = s[(ix * p) + ix];
        var sxy = s[(ix * p) + iy];
        var syy = s[(iy * p) + iy];
        double gx = 0, gy = 0, h = 0;
        var fixedValues = new Dictionary<string, double>(StringComparer.Ordinal);
        if (plane.Kind == LandscapeKind.Slice)
        {
            Span<double> dw = others.Length <= 64 ? stackalloc double[others.Length] : new double[others.Length];
            for (var a = 0; a < others.Length; a++)
            {
                var k = others[a];
                var value = plane.FixedValues.TryGetValue(names[k], out var v) ? v : fallback[k];
                fixedValues[names[k]] = value;
                dw[a] = value - optimum[k];
            }

            for (var a = 0; a < others.Length; a++)
            {
                var k = others[a];
                gx += s[(ix * p) + k] * dw[a];
                gy += s[(iy * p) + k] * dw[a];
                var row = 0.0;
                for (var b = 0; b < others.Length; b++)
                {
                    row += s[(k * p) + others[b]] * dw[b];
                }

                h += dw[a] * row;
            }
        }
        else if (others.Length > 0)
        {
            (sxx, sxy, syy) = SchurComplement(s, p, ix, iy, others);
        }

        var xs = plane.XAxis.Span;
        var ys = plane.YAxis.Span;
        var values = new double[xs.Length * ys.Length];
        var ox = optimum[ix];
        var oy = optimum[iy];
        var minimum = form.MinimumLoss;
        for (var j = 0; j < ys.Length; j++)
        {
            var dv = ys[j] - oy;
            var linear = 2.0 * ((sxy * dv) + gx);
            var constant = (((syy * dv) + (2.0 * gy)) * dv) + h;
            var row = values.AsSpan(j * xs.Length, xs.Length);
            for (var i = 0; i < row.Length; i++)
            {
                var du = xs[i] - ox;
                var q = (((sxx * du) + linear) * du) + constant;

                // The quadratic part is positive semi-definite; a tiny negative q is rounding.
                row[i] = Math.Max(q, 0.0) + minimum;
            }
        }

        return new Surface(plane.XParameter, plane.YParameter, plane.Kind, [.. xs], [.. ys], values, fixedValues, form.SampleCount);
    }

    private static (double Sxx, double Sxy, double Syy) SchurComplement(ReadOnlySpan<double> s, int p, int ix, int iy, int[] others)
    {
        var m = others.Length;
        var sww = Matrix<double>.Build.Dense(m, m);
        var swe = Matrix<double>.Build.Dense(m, 2);
        for (var a = 0; a < m; a++)
        {
            for (var b = 0; b < m; b++)
            {
                sww[a, b] = s[(others[a] * p) + others[b]];
            }

            swe[a, 0] = s[(others[a] * p) + ix];
            swe[a, 1] = s[(others[a] * p) + iy];
        }

        // S_ww⁺ through its eigen-decomposition, dropping eigenvalues below m·1e-15·λmax (numpy.linalg.pinv cuts at 1e-15·σmax).
        NumericGuard.RequireFinite(sww.AsColumnMajorArray(), "the profiled block of S");
        var evd = sww.Evd(Symmetricity.Symmetric);
        var lambda = evd.EigenValues.Real();
        var v = evd.EigenVectors;
        var cutoff = m * 1e-15 * Math.Max(lambda.AbsoluteMaximum(), double.Epsilon);
        var vtb = v.TransposeThisAndMultiply(swe);
        double xx = 0, xy = 0, yy = 0;
        for (var k = 0; k < m; k++)
        {
            if (lambda[k] > cutoff)
            {
                xx += vtb[k, 0] * vtb[k, 0] / lambda[k];
                xy += vtb[k, 0] * vtb[k, 1] / lambda[k];
                yy += vtb[k, 1] * vtb[k, 1] / lambda[k];
            }
        }

        return (s[(ix * p) + ix] - xx, s[(ix * p) + iy] - xy, s[(iy * p) + iy] - yy);
    }
}
