namespace DescentLab.Analysis;

/// <summary>Where a path's excess loss fell below a tolerance for good, on each of its x-axes.</summary>
/// <param name="Row">The trajectory row.</param>
/// <param name="Step">Updates taken.</param>
/// <param name="Epoch">Epochs completed (fractional).</param>
/// <param name="Samples">Samples processed.</param>
public readonly record struct ConvergencePoint(int Row, long Step, double Epoch, long Samples);
