using System.Numerics;
using DescentLab.Models;

namespace DescentLab.Tests.Models;

public class VectorActivationsTests
{
    /// <summary>
    /// The vector tanh against the C runtime's <see cref="Math.Tanh"/> on a dense sweep of [−40, 40], both sides of the
    /// switch from the series to the exponential at 0.35, tiny and huge arguments, and the special values.
    /// </summary>
    [Fact]
    public void Tanh_AgainstMathTanh_Within1e15RelativeAndExactAtSpecialValues()
    {
        var random = new Random(20261130);
        var points = new List<double>();
        for (var i = -400_000; i <= 400_000; i++)
        {
            points.Add(i / 10_000.0);
        }

        for (var i = 0; i < 100_000; i++)
        {
            points.Add(0.35 + ((random.NextDouble() - 0.5) * 1e-3));
            points.Add((random.NextDouble() - 0.5) * Math.Pow(10, -random.Next(0, 300)));
            points.Add(random.NextDouble() * 800);
        }

        points.Add(0.35);
        points.Add(Math.BitDecrement(0.35));
        var largest = 0.0;
        var at = 0.0;
        foreach (var x in points)
        {
            var expected = Math.Tanh(x);
            var actual = VectorActivations.Tanh(new Vector<double>(x))[0];
            var relative = expected == 0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);
            if (relative > largest)
            {
                largest = relative;
                at = x;
            }
        }

        Assert.True(largest <= 1e-15, $"largest relative difference {largest:E3} at x = {at:R}");

        double[] special = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.Epsilon, -double.Epsilon, 1e300, -1e300];
        foreach (var x in special)
        {
            var actual = VectorActivations.Tanh(new Vector<double>(x))[0];
            Assert.Equal(BitConverter.DoubleToInt64Bits(Math.Tanh(x)), BitConverter.DoubleToInt64Bits(actual));
        }
    }

    /// <summary>Each lane is its own argument, and a vector's lanes do not depend on their neighbours.</summary>
    [Fact]
    public void Tanh_MixedLanes_EqualsLaneByLane()
    {
        var lanes = new double[Vector<double>.Count];
        for (var k = 0; k < lanes.Length; k++)
        {
            lanes[k] = (k % 2 == 0 ? 1 : -1) * (0.1 + (0.4 * k));
        }

        var together = VectorActivations.Tanh(new Vector<double>(lanes));
        for (var k = 0; k < lanes.Length; k++)
        {
            Assert.Equal(VectorActivations.Tanh(new Vector<double>(lanes[k]))[0], together[k]);
        }
    }
}
