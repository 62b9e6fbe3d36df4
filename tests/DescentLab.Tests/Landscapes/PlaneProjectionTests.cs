using CsCheck;
using DescentLab.Landscapes;

namespace DescentLab.Tests.Landscapes;

public class PlaneProjectionTests
{
    [Fact]
    public void Project_Centre_IsTheOrigin()
    {
        double[] centre = [0.3, -1.2, 2.5, 0.1];
        var (alpha, beta, off) = PlaneProjection.Project(centre, [1, 2, 0, -1], [0.5, 0, 3, 1], centre);
        Assert.Equal((0.0, 0.0, 0.0), (alpha, beta, off));
    }

    [Fact]
    public void Project_PointOfThePlane_RecoversItsCoordinates()
    {
        Gen.Double[-3, 3].Array[4].Select(Gen.Double[-5, 5], Gen.Double[-5, 5]).Sample((v, a, b) =>
        {
            double[] centre = [v[0], v[1], v[2], v[3]];
            double[] d1 = [1, -0.5, 0.25, 2];
            double[] d2 = [0.3, 1, -1, 0.5];
            var point = new double[4];
            NetworkPlane.PointAt(centre, d1, d2, a, b, point);
            var (alpha, beta, off) = PlaneProjection.Project(centre, d1, d2, point);
            Assert.Equal(a, alpha, 1e-12 * Math.Max(1, Math.Abs(a)));
            Assert.Equal(b, beta, 1e-12 * Math.Max(1, Math.Abs(b)));

            // Off the plane only by rounding: relative to ‖θ − θ₀‖, which near the centre is itself rounding.
            if (Math.Max(Math.Abs(a), Math.Abs(b)) > 1e-3)
            {
                Assert.InRange(off, 0, 1e-10);
            }
        });
    }

    [Fact]
    public void Project_OrthonormalDirections_AreTheDotProductsAndTheRestIsOffThePlane()
    {
        double[] centre = [1, 1, 1];
        double[] theta = [4, -2, 5];
        var (alpha, beta, off) = PlaneProjection.Project(centre, [1, 0, 0], [0, 1, 0], theta);

        Assert.Equal((3.0, -3.0), (alpha, beta));

        // r = (3, −3, 4): the part off the plane is (0, 0, 4), of length 4 against ‖r‖ = √34.
        Assert.Equal(4 / Math.Sqrt(34), off, 15);
    }

    [Fact]
    public void Project_ParallelDirections_Throw()
    {
        var error = Assert.Throws<ArgumentException>(() => PlaneProjection.Project([0, 0], [1, 2], [2, 4], [1, 1]));
        Assert.StartsWith("d2: the two directions are parallel", error.Message, StringComparison.Ordinal);
    }
}
