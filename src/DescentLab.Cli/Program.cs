using System.Globalization;
using DescentLab.Experiments;

// A minimal front end until the full command lands: `descentlab run [--seed S] [--rng independent|notebook]`
// runs the seed experiment and prints each method's final parameters and losses.
if (args.Length == 0 || args[0] != "run")
{
    Console.Error.WriteLine("usage: descentlab run [--seed S] [--rng independent|notebook]");
    return 2;
}

var spec = new ExperimentSpec();
for (var i = 1; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--seed" when uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seed):
            spec = spec with { Seed = seed };
            i++;
            break;
        case "--rng" when value is "independent" or "notebook":
            spec = spec with { Randomness = value == "notebook" ? RandomnessMode.Notebook : RandomnessMode.Independent };
            i++;
            break;
        default:
            Console.Error.WriteLine($"descentlab: unknown or incomplete option '{args[i]}'");
            return 2;
    }
}

var result = ExperimentRunner.Run(spec);
var names = result.Problem.ParameterNames;
Console.WriteLine($"seed {spec.Seed}, {spec.Randomness.ToString().ToLowerInvariant()} randomness, {spec.Training.Epochs} epochs");
Console.WriteLine(string.Join("  ", ["method".PadRight(12), .. names.Select(n => n.PadLeft(10)), "batch loss".PadLeft(11), "loss".PadLeft(10), "steps".PadLeft(6)]));
foreach (var run in result.Runs)
{
    var t = run.Trajectory;
    var cells = Enumerable.Range(0, names.Count).Select(j => t.Parameter(j)[^1].ToString("F4", CultureInfo.InvariantCulture).PadLeft(10));
    Console.WriteLine(string.Join("  ", [
        run.Method.Name.PadRight(12),
        .. cells,
        t.BatchLoss[^1].ToString("F4", CultureInfo.InvariantCulture).PadLeft(11),
        t.Loss[^1].ToString("F4", CultureInfo.InvariantCulture).PadLeft(10),
        t.Step[^1].ToString(CultureInfo.InvariantCulture).PadLeft(6),
    ]));
}

var optimum = result.Problem.FullData.Optimum.ToArray();
Console.WriteLine(string.Join("  ", ["optimum".PadRight(12), .. Enumerable.Range(0, names.Count).Select(j => optimum[j].ToString("F4", CultureInfo.InvariantCulture).PadLeft(10)), string.Empty.PadLeft(11), result.Problem.FullData.MinimumLoss.ToString("F4", CultureInfo.InvariantCulture).PadLeft(10)]));
return 0;
