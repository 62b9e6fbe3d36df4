using System.CommandLine;
using System.Globalization;
using DescentLab.Experiments;
using DescentLab.Landscapes;

namespace DescentLab.Cli;

/// <summary>The landscape command for network models: Li et al.'s planes through a centre, with the paths projected onto them.</summary>
public static partial class DescentLabCommand
{
    /// <summary>Trains the network experiment, evaluates <paramref name="job"/> on it and writes the landscape folder.</summary>
    private static int WriteNetworkLandscape(Context context, ExperimentFile file, NetworkLandscapeJob job, Destination destination)
    {
        var spec = file.Spec;
        if (job.CheckCentre(spec) is { } refusal)
        {
            throw new UsageException("--centre: " + refusal.Message);
        }

        NetworkExperimentResult result = null!;
        NetworkLandscape landscape = null!;
        IReadOnlyList<string> written = [];
        var shown = WriteFolder(context, destination, path =>
        {
            if (!destination.Quiet)
            {
                context.Error.WriteLine($"descentlab: training {spec.Name}, {spec.Model} model, {Plural(spec.Methods.Count, "method")}, {spec.Training.Epochs} epochs");
            }

            result = ExperimentRunner.RunNetwork(spec, new RunOptions(), context.CancellationToken);
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!destination.Quiet)
            {
                context.Error.WriteLine(Invariant($"descentlab: evaluating the loss at {job.Resolution}×{job.Resolution} points"));
            }

            try
            {
                landscape = job.Evaluate(result, context.CancellationToken);
            }
            catch (ArgumentException e) when (SettingError.Of(e) is { Field: "centre" } error)
            {
                throw new UsageException("--centre: " + error.Message, e);
            }

            written = context.Rendering.WriteNetworkLandscape(result, file.Output, landscape, path, context.CancellationToken);
        });
        return ListWritten(context, destination, shown, written, o => WriteNetworkLandscapeSummary(o, result, landscape, file.Output.Figures != FigureFormats.None || file.Output.Report));
    }

    private static void WriteNetworkLandscapeSummary(TextWriter o, NetworkExperimentResult result, NetworkLandscape landscape, bool drawn)
    {
        var s = landscape.Surface;
        string N(double v) => ResultsTable.Number(v);
        var job = landscape.Job;
        var plane = job.Directions switch
        {
            PlaneDirections.Pca => $"PCA plane of {landscape.PcaMethod}'s path",
            PlaneDirections.Random => "random plane",
            _ => "filter-normalised random plane",
        };
        o.WriteLine(Invariant($"{result.Spec.Name}: loss over a {plane} through {landscape.CentreDescription}, loss there {N(landscape.CentreLoss)}; {s.XCount}×{s.YCount} points"));
        o.WriteLine(Invariant($"  axes      α: {landscape.AxisLabel(1)}, from {N(s.XValues[0])} to {N(s.XValues[^1])}; β: {landscape.AxisLabel(2)}, from {N(s.YValues[0])} to {N(s.YValues[^1])}"));
        if (job.Directions != PlaneDirections.Pca)
        {
            var biases = job.Directions != PlaneDirections.Filter ? string.Empty
                : job.Biases == BiasDirectionRule.Zero ? "; biases zeroed (Li et al., ignore='biasbn')" : "; biases copied from the centre";
            o.WriteLine(Invariant($"  drawn     torch.manual_seed({landscape.Seed}), torch.randn per parameter tensor{biases}"));
        }

        o.WriteLine(Invariant($"  loss      {N(s.Minimum)} to {N(s.Maximum)} on the grid{(s.NotANumberCount > 0 ? $"; not a number at {Plural(s.NotANumberCount, "point")}, where the computation overflowed" : string.Empty)}"));
        if (drawn && landscape.HasClippedValues)
        {
            // As the report's plane table says it: the figures cap the colour scale, the CSV keeps every value.
            o.WriteLine(Invariant($"  clipped   loss above {N(landscape.DrawCeiling)} (or not finite) is drawn at {N(landscape.DrawCeiling)}; landscape.csv holds every value"));
        }

        o.WriteLine($"  paths     {(landscape.OrthonormalDirections ? "orthogonal" : "least-squares")} projections onto the plane:");
        foreach (var path in landscape.Paths.Where(p => p.Step.Count > 0))
        {
            o.WriteLine(Invariant($"    {path.Method}: ({N(path.Alpha[0])}, {N(path.Beta[0])}) → ({N(path.Alpha[^1])}, {N(path.Beta[^1])}), θ₀ {N(100 * path.InitOffPlane)}% off the plane{(path.DivergedAtStep is { } d ? $", diverged at step {d}" : string.Empty)}"));
        }
    }

    private static string Plural(int count, string word) => count == 1 ? $"1 {word}" : Invariant($"{count} {word}s");

    /// <summary>The landscape flags that only network models take: Li et al.'s plane through a centre.</summary>
    private sealed class NetworkLandscapeOptions
    {
        public Option<string?> Directions { get; } = new("--directions") { Description = "Network models: what spans the plane: filter (random, filter-normalised as Li et al.; default), random, or pca (the centre method's path).", HelpName = "filter|random|pca" };

        public Option<string?> Biases { get; } = new("--biases") { Description = "Network models, filter directions: zero the biases' directions (default, Li et al.'s ignore='biasbn') or copy the centre's biases.", HelpName = "zero|copy" };

        public Option<string?> Range { get; } = new("--range") { Description = "Network models: α and β from -R to R, from LOW to HIGH, or covering the paths (default 1 for filter and random, paths for pca).", HelpName = "R|LOW:HIGH|paths" };

        public Option<string?> Centre { get; } = new("--centre") { Description = "Network models: the plane's centre: a method's final θ (default: the first method that did not diverge), or optimum (logistic θ*).", HelpName = "METHOD|optimum" };

        public Option<string?> Seed { get; } = new("--direction-seed") { Description = "Network models: torch.manual_seed for random and filter directions (default: the experiment's seed).", HelpName = "N" };

        public Option<bool> NoReport { get; } = new("--no-report") { Description = "Network models: do not write report.html." };

        public Option[] All => [Directions, Biases, Range, Centre, Seed, NoReport];

        /// <summary>Refuses these flags for the linear model, whose landscape spans two parameters.</summary>
        public void RefuseForLinear(ParseResult parse)
        {
            foreach (var option in All)
            {
                if (parse.GetResult(option) is { Implicit: false })
                {
                    throw new UsageException($"{option.Name}: applies to network models only; the linear model's landscape spans two of its parameters (--plane).");
                }
            }
        }

        public NetworkLandscapeJob Job(ParseResult parse, int resolution)
        {
            var job = new NetworkLandscapeJob { Resolution = resolution, Centre = parse.GetValue(Centre) };
            job = parse.GetValue(Directions) switch
            {
                null or "filter" => job,
                "random" => job with { Directions = PlaneDirections.Random },
                "pca" => job with { Directions = PlaneDirections.Pca },
                var other => throw new UsageException($"{Directions.Name}: '{other}' is not a kind of direction; use filter, random or pca."),
            };
            job = parse.GetValue(Biases) switch
            {
                null or "zero" => job,
                "copy" => job with { Biases = BiasDirectionRule.CopyParameter },
                var other => throw new UsageException($"{Biases.Name}: '{other}' is not a bias rule; use zero or copy."),
            };
            if (parse.GetValue(Range) is { } range)
            {
                job = ParseRange(range) is { } r ? job with { Range = r } : job with { CoverPaths = true };
            }

            return SpecOptions.Apply(parse, Seed, SpecOptions.ParseSeed, job, (j, seed) => j with { Seed = seed });
        }

        /// <summary>The range of "R", "LOW:HIGH" or "paths" (null).</summary>
        private (double Low, double High)? ParseRange(string text)
        {
            if (text == "paths")
            {
                return null;
            }

            static double? Finite(string part) =>
                double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
            switch (text.Split(':'))
            {
                case [var one] when Finite(one) is > 0 and var r:
                    return (-r, r);
                case [var first, var second] when Finite(first) is { } low && Finite(second) is { } high && high > low:
                    return (low, high);
            }

            throw new UsageException($"{Range.Name}: expected a positive number R (from -R to R), LOW:HIGH with LOW < HIGH, or paths; got '{text}'.");
        }
    }
}
