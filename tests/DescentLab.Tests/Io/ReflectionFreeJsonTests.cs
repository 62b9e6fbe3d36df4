using System.Text.Json;
using DescentLab.Io;

namespace DescentLab.Tests.Io;

/// <summary>The file formats with reflection-based serialization off, as trimmed, AOT and file-based apps have it.</summary>
public sealed class ReflectionFreeJsonTests
{
    private static string Examples
    {
        get
        {
            // The examples folder of the repository the test assembly was built in.
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "DescentLab.slnx")))
            {
                folder = folder.Parent;
            }

            return Path.Combine(folder?.FullName ?? throw new DirectoryNotFoundException("DescentLab.slnx not found above the test assembly."), "examples");
        }
    }

    [Fact]
    public void TestProcess_ReflectionBasedSerialization_IsOff() =>
        Assert.False(JsonSerializer.IsReflectionEnabledByDefault);

    [Theory]
    [InlineData("seed.json")]
    [InlineData("optimizers.json")]
    [InlineData("own-data.json")]
    public void Read_ExampleExperiment_RoundTripsWithoutReflection(string name)
    {
        var file = ExperimentJson.Read(Path.Combine(Examples, name));
        var text = ExperimentJson.Write(file, "stopping-distance.csv");
        Assert.Equal(text, ExperimentJson.Write(ExperimentJson.Parse(text, Examples), "stopping-distance.csv"));
    }

    [Fact]
    public void Read_ExampleSweep_RoundTripsWithoutReflection()
    {
        var file = SweepJson.Read(Path.Combine(Examples, "sweep.json"));
        var text = SweepJson.Write(file);
        Assert.Equal(file.Spec, SweepJson.Parse(text, Examples).Spec);
        Assert.Equal(text, SweepJson.Write(SweepJson.Parse(text, Examples)));
    }
}
