using DescentLab.Training;

namespace DescentLab.Experiments;

/// <summary>An experiment file's content: the spec to run and what to write besides the data.</summary>
/// <param name="Spec">The experiment.</param>
/// <param name="Output">Figures, report and drawing settings.</param>
public sealed record ExperimentFile(ExperimentSpec Spec, OutputSettings Output)
{
    /// <summary>
    /// The seed experiment (seed 0, independent randomness, the notebook's three methods) with every figure and the
    /// report; it keeps the batches of the first epoch for the report's minibatch landscapes. Its plane is left to the
    /// problem (<see cref="Landscapes.LandscapePlane.DefaultParameters"/>: the seed's (x^2, x)), so a file that changes the
    /// data or the degree needs no plane of its own.
    /// </summary>
    public static ExperimentFile Seed { get; } = new(
        new ExperimentSpec { Training = new TrainingOptions { KeepBatchesOfEpoch = 0 } },
        new OutputSettings());
}
