namespace DescentLab.Rendering;

/// <summary>A run's accuracy on the full data at some of its recorded rows, with their progress on every x-axis.</summary>
/// <param name="Rows">The trajectory rows, increasing, first and last included.</param>
/// <param name="Epochs">Epochs at each row.</param>
/// <param name="Steps">Updates at each row.</param>
/// <param name="Samples">Samples processed at each row.</param>
/// <param name="Accuracy">The share of samples classified correctly at each row's θ (NaN where θ is not finite).</param>
internal sealed record AccuracySeries(int[] Rows, double[] Epochs, double[] Steps, double[] Samples, double[] Accuracy)
{
    /// <summary>Progress at each row on x-axis <paramref name="axis"/>.</summary>
    public double[] ProgressOn(Experiments.XAxis axis) => axis switch
    {
        Experiments.XAxis.Steps => Steps,
        Experiments.XAxis.Samples => Samples,
        _ => Epochs,
    };
}
