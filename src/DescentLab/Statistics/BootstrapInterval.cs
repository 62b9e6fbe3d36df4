namespace DescentLab.Statistics;

/// <summary>A bootstrap percentile interval for a mean.</summary>
/// <param name="Mean">The mean of the sample itself.</param>
/// <param name="Lower">The lower end of the interval.</param>
/// <param name="Upper">The upper end of the interval.</param>
/// <param name="Level">The confidence level, e.g. 0.95.</param>
/// <param name="Resamples">The number of bootstrap resamples.</param>
public readonly record struct BootstrapInterval(double Mean, double Lower, double Upper, double Level, int Resamples);
