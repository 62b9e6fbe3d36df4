using DescentLab.Optimizers;
using DescentLab.Training;

namespace DescentLab.Analysis;

/// <summary>
/// Methods whose learning rate is at or above the GD stability bound for plain SGD: known before training to blow up
/// along the steepest direction.
/// </summary>
/// <param name="Methods">The methods' names that share the learning rate.</param>
/// <param name="LearningRate">Their (initial) learning rate.</param>
/// <param name="Bound">The bound 2/(λmax + weight decay) their plain-SGD step must stay below.</param>
public sealed record StabilityWarning(IReadOnlyList<string> Methods, double LearningRate, double Bound)
{
    /// <summary>The warning as one line: "gd, sgd: lr 0.02 is 2× the GD stability bound 2/λmax = 0.00977; …".</summary>
    public string Message =>
        $"{string.Join(", ", Methods)}: lr {NumberText.G(LearningRate, 4)} is {NumberText.G(LearningRate / Bound, 3)}× the GD stability bound 2/λmax = {NumberText.G(Bound, 4)}; plain SGD at this step grows the error along the steepest direction and will diverge.";

    /// <summary>
    /// One warning per learning rate of the plain-SGD methods (no momentum, not maximizing) of <paramref name="methods"/>
    /// whose step is at or above 2/(λmax + weight decay); other optimizers rescale the step, so the bound does not apply.
    /// </summary>
    /// <remarks>
    /// Weight decay adds wd·θ to the gradient (torch.optim.SGD), so the iteration's curvature is λ + wd. The bound is the
    /// full-batch one; a minibatch step is no more stable, so it holds as a warning for every sampler.
    /// </remarks>
    public static IReadOnlyList<StabilityWarning> Of(ProblemAnalysis analysis, IEnumerable<Method> methods)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(methods);
        return
        [
            .. methods
                .Select(m => (m.Name, Sgd: m.Optimizer as SgdOptions))
                .Where(m => m.Sgd is { Momentum: 0, Maximize: false })
                .Select(m => (m.Name, Lr: m.Sgd!.LearningRate, Bound: 2.0 / (analysis.LargestEigenvalue + m.Sgd.WeightDecay)))
                .Where(m => m.Lr >= m.Bound)
                .GroupBy(m => (m.Lr, m.Bound))
                .Select(g => new StabilityWarning([.. g.Select(m => m.Name)], g.Key.Lr, g.Key.Bound)),
        ];
    }
}
