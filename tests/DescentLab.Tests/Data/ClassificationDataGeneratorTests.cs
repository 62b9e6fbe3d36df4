using DescentLab.Data;
using DescentLab.Tests.Support;

namespace DescentLab.Tests.Data;

public class ClassificationDataGeneratorTests
{
    [Fact]
    public void Generate_EveryShapeSeedAndCount_MatchesNumPyReference()
    {
        var cases = Golden.Load("models", "generators.json").RootElement.GetProperty("cases");
        var checkedCases = 0;
        foreach (var c in cases.EnumerateArray())
        {
            var options = c.GetProperty("options");
            var shape = Enum.Parse<ClassificationShape>(c.GetProperty("shape").GetString()!, ignoreCase: true);
            var generator = new ClassificationDataGenerator { Shape = shape, Count = c.GetProperty("count").GetInt32() };
            generator = shape switch
            {
                ClassificationShape.Blobs => generator with { Centers = options.GetProperty("centers").GetInt32(), ClusterStd = options.GetProperty("clusterStd").GetDouble() },
                ClassificationShape.Circles => generator with { Noise = options.GetProperty("noise").GetDouble(), Factor = options.GetProperty("factor").GetDouble() },
                _ => generator with { Noise = options.GetProperty("noise").GetDouble() },
            };
            var data = generator.Generate(c.GetProperty("seed").GetUInt32());
            var what = $"{shape} seed {c.GetProperty("seed").GetUInt32()} n {generator.Count}";
            Assert.Equal([.. c.GetProperty("y").EnumerateArray().Select(v => (double)v.GetInt32())], data.Output.ToArray());
            var rows = c.GetProperty("x").Rows();
            for (var i = 0; i < rows.Length; i++)
            {
                // Labels and draws are exact; the coordinates pass through cos and sin, where NumPy may use its own
                // vector routines (within an ulp or two of glibc's): 1e-15 of the unit radius bounds that.
                Golden.Close(rows[i][0], data.Input(0)[i], 0, 1e-15, $"{what} x1[{i}]");
                Golden.Close(rows[i][1], data.Input(1)[i], 0, 1e-15, $"{what} x2[{i}]");
            }

            checkedCases++;
        }

        Assert.Equal(48, checkedCases);
    }

    [Fact]
    public void Generate_Blobs_ReportsClassCounts()
    {
        var data = new ClassificationDataGenerator { Shape = ClassificationShape.Blobs, Count = 10, Centers = 3 }.Generate(4);
        Assert.Equal(["0", "1", "2"], data.ClassNames);
        Assert.Equal([4, 3, 3], data.ClassCounts());
    }

    [Fact]
    public void Linspace_MatchesNumPyEdgeCases()
    {
        Assert.Equal([0.0], ClassificationDataGenerator.Linspace(0, Math.PI, 1, endpoint: true));
        Assert.Equal([0.0, Math.PI], ClassificationDataGenerator.Linspace(0, Math.PI, 2, endpoint: true));
        Assert.Equal([0.0, Math.PI], ClassificationDataGenerator.Linspace(0, 2 * Math.PI, 2, endpoint: false));
    }
}
