using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Tests.Support;

namespace DescentLab.Tests.Experiments;

/// <summary>
/// Notebook randomness against the seed notebook run with PyTorch (tests/reference/notebook_golden.py).
/// </summary>
/// <remarks>
/// PyTorch trains in float32, DescentLab in float64 on the same float32-rounded data and init. The float32
/// rounding of each update accumulates over the run: relative 1e-4 is the project's fidelity contract, and the
/// absolute floor 1e-6 covers parameters that pass near zero (c is about -0.01 at the end of some GD runs), where
/// float32's own resolution of the running sum, not a difference in the method, dominates.
/// </remarks>
public class NotebookGoldenTests
{
    private const double Relative = 1e-4;
    private const double Absolute = 1e-6;

    public static TheoryData<int> Seeds => [0, 1, 2];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Run_NotebookRandomness_ReproducesPyTorchNotebook(int seed)
    {
        using var golden = Golden.Load("notebook", $"seed-{seed}.json");
        var root = golden.RootElement;
        var data = new Dataset(["x"], [root.GetProperty("x").Doubles()], "y", root.GetProperty("y").Doubles());
        var spec = new ExperimentSpec
        {
            Data = new GivenData(data),
            Seed = (uint)seed,
            Randomness = RandomnessMode.Notebook,
        };

        var result = ExperimentRunner.Run(spec);

        var every = root.GetProperty("record_every").GetInt32();
        foreach (var run in result.Runs)
        {
            var expected = root.GetProperty("methods").GetProperty(run.Method.Name);
            var trajectory = run.Trajectory;
            var init = expected.GetProperty("init").Doubles();
            for (var j = 0; j < init.Length; j++)
            {
                // The init is float32 on both sides, drawn from the same stream: it must match exactly.
                Assert.Equal(init[j], run.Init[j]);
            }

            var losses = expected.GetProperty("batch_loss").Doubles();
            Assert.Equal(losses.Length + 1, trajectory.Count);
            for (var k = 0; k < losses.Length; k++)
            {
                Golden.Close(losses[k], trajectory.BatchLoss[k + 1], Relative, Absolute, $"seed {seed} {run.Method.Name} batch loss at step {k + 1}");
            }

            var path = expected.GetProperty("params_every").Rows();
            for (var i = 0; i < path.Length; i++)
            {
                var row = every * (i + 1);
                for (var j = 0; j < 3; j++)
                {
                    Golden.Close(path[i][j], trajectory.Parameter(j)[row], Relative, Absolute, $"seed {seed} {run.Method.Name} {trajectory.ParameterNames[j]} at step {row}");
                }
            }

            var final = expected.GetProperty("final").Doubles();
            for (var j = 0; j < 3; j++)
            {
                Golden.Close(final[j], trajectory.Parameter(j)[^1], Relative, Absolute, $"seed {seed} {run.Method.Name} final {trajectory.ParameterNames[j]}");
            }
        }
    }
}
