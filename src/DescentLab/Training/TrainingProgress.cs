namespace DescentLab.Training;

/// <summary>Where one run is: epochs done out of the total, and the last full-data loss recorded.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Replicate">The replicate index.</param>
/// <param name="EpochsDone">Epochs completed.</param>
/// <param name="Epochs">Epochs in the run.</param>
public readonly record struct TrainingProgress(string Method, int Replicate, int EpochsDone, int Epochs);
