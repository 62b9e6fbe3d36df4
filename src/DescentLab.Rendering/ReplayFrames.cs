namespace DescentLab.Rendering;

/// <summary>A run's decision regions at some recorded rows, for the report's replay.</summary>
/// <param name="Rows">The trajectory rows, increasing, first and last included.</param>
/// <param name="Epochs">Epochs at each row.</param>
/// <param name="Steps">Updates at each row.</param>
/// <param name="Samples">Samples processed at each row.</param>
/// <param name="Accuracy">The accuracy at each row's θ.</param>
/// <param name="Classes">At each row, the predicted class at every cell of the replay grid (row-major, y outer); empty where θ is not finite.</param>
internal sealed record ReplayFrames(int[] Rows, double[] Epochs, double[] Steps, double[] Samples, double[] Accuracy, int[][] Classes);
