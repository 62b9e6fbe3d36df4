namespace DescentLab.Landscapes;

/// <summary>One run's trajectory projected onto a network landscape's plane: per recorded step, its plane coordinates and its own loss.</summary>
/// <param name="Method">The run's method name.</param>
/// <param name="Run">The run's index in the experiment's runs.</param>
/// <param name="Step">The recorded steps whose θ is finite.</param>
/// <param name="Epoch">Their epochs.</param>
/// <param name="Alpha">Their coordinates along direction 1.</param>
/// <param name="Beta">Their coordinates along direction 2.</param>
/// <param name="Loss">Their full-data loss at θ itself, not at the projected point.</param>
/// <param name="InitOffPlane">How far θ₀ lies off the plane: ‖θ₀ − its projection‖ / ‖θ₀ − centre‖ (0 = in the plane, 1 = orthogonal to it).</param>
/// <param name="DivergedAtStep">The step the run diverged at; null when it finished.</param>
public sealed record ProjectedPath(
    string Method,
    int Run,
    IReadOnlyList<long> Step,
    IReadOnlyList<double> Epoch,
    IReadOnlyList<double> Alpha,
    IReadOnlyList<double> Beta,
    IReadOnlyList<double> Loss,
    double InitOffPlane,
    long? DivergedAtStep);
