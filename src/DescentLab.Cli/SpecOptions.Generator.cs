using System.CommandLine;
using DescentLab.Data;
using DescentLab.Experiments;

namespace DescentLab.Cli;

/// <summary>The generated data's options as flags, named as the fields of the experiment file's data section.</summary>
internal sealed partial class SpecOptions
{
    public Option<string?> Count { get; } = new("--count") { Description = "The number of samples of generated data (the data section's count).", HelpName = "N" };

    public Option<string?> Noise { get; } = new("--noise") { Description = "moons, circles, xor: the standard deviation of the Gaussian noise added to each point (default 0.2).", HelpName = "SD" };

    public Option<string?> Factor { get; } = new("--factor") { Description = "circles: the inner circle's radius relative to the outer one, in (0, 1) (default 0.5).", HelpName = "F" };

    public Option<string?> Centers { get; } = new("--centers") { Description = "blobs: the number of clusters, i.e. of classes (2 to 100, default 3).", HelpName = "K" };

    public Option<string?> ClusterStd { get; } = new("--cluster-std") { Description = "blobs: the standard deviation of each cluster (default 1).", HelpName = "SD" };

    private Option<string?>[] GeneratorOptions => [Count, Noise, Factor, Centers, ClusterStd];

    /// <summary>Sets the options of the spec's generated data from the flags given; refuses a flag its data does not have.</summary>
    private ExperimentSpec ApplyGeneratorOptions(ParseResult parse, ExperimentSpec spec)
    {
        var given = GeneratorOptions.Where(o => parse.GetValue(o) is not null).ToArray();
        if (given.Length == 0)
        {
            return spec;
        }

        switch (spec.Data)
        {
            case ClassificationData { Generator: var g }:
                foreach (var option in given)
                {
                    var text = parse.GetValue(option)!;
                    CheckShape(option, g.Shape);
                    g = option == Count ? Guard(option, () => g with { Count = ParseInt(option, text) })
                        : option == Noise ? Guard(option, () => g with { Noise = ParseDouble(option, text) })
                        : option == Factor ? Guard(option, () => g with { Factor = ParseDouble(option, text) })
                        : option == Centers ? Guard(option, () => g with { Centers = ParseInt(option, text) })
                        : Guard(option, () => g with { ClusterStd = ParseDouble(option, text) });
                }

                return spec with { Data = new ClassificationData(g) };
            case SeedData { Generator: var g } when given is [var only] && only == Count:
                return spec with { Data = new SeedData(Guard(Count, () => g with { Count = ParseInt(Count, parse.GetValue(Count)!) })) };
            case PolynomialData { Generator: var g } when given is [var only] && only == Count:
                return spec with { Data = new PolynomialData(Guard(Count, () => g with { Count = ParseInt(Count, parse.GetValue(Count)!) })) };
            default:
                var refused = given.First(o => o != Count || spec.Data is GivenData);
                var kind = spec.Data switch
                {
                    GivenData => "a CSV file",
                    SeedData => "the seed experiment's generator",
                    _ => "the polynomial generator",
                };
                throw new UsageException($"{refused.Name}: sets an option of generated classification data (--dataset moons, circles, blobs or xor); this experiment's data is {kind}.");
        }
    }

    private void CheckShape(Option option, ClassificationShape shape)
    {
        // The flags are the data section's fields, kebab-cased: --cluster-std sets clusterStd.
        var field = option == ClusterStd ? "clusterStd" : option.Name[2..];
        if (!ClassificationDataGenerator.Uses(shape, field))
        {
            var applies = ClassificationDataGenerator.ShapesUsing(field, f => f == "clusterStd" ? ClusterStd.Name : "--" + f);
            throw new UsageException($"{option.Name}: applies to {applies}; the dataset is {shape.ToString().ToLowerInvariant()}.");
        }
    }
}
