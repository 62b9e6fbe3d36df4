using DescentLab.Experiments;
using DescentLab.Models;

namespace DescentLab.Rendering;

/// <summary>
/// Everything the figures and the report of a network experiment draw (logistic, softmax, MLPs), computed once: the loss
/// curves, each classifier run's accuracy over training, and its decision regions over the data at the final θ and at
/// the replay's frames.
/// </summary>
internal sealed class NetworkFigureModel : ILossCurves
{
    /// <summary>The most recorded points at which a run's accuracy is computed (each costs a pass over the data).</summary>
    public const int MaxAccuracyPoints = 400;

    /// <summary>Grid cells along each axis of the static decision-boundary panels.</summary>
    public const int BoundaryResolution = 200;

    /// <summary>Grid cells along each axis of the replay's decision regions.</summary>
    public const int ReplayResolution = 64;

    /// <summary>The most frames of each run the replay holds.</summary>
    public const int MaxReplayFrames = 60;

    /// <summary>The share of the data's span added on every side of the boundary plots.</summary>
    private const double Margin = 0.1;

    private NetworkFigureModel(NetworkExperimentResult result, RenderOptions options)
    {
        Result = result;
        Options = options;
        Network = result.Network;
        Title = string.IsNullOrWhiteSpace(options.Title) ? $"DescentLab: {result.Spec.Name} experiment" : options.Title;
        var data = Network.Data;
        ClassNames = data.ClassNames is { } names ? [.. names] : [];
    }

    public NetworkExperimentResult Result { get; }

    public RenderOptions Options { get; }

    public NeuralNetwork Network { get; }

    public string Title { get; }

    public IReadOnlyList<RunSeries> Runs { get; private set; } = [];

    /// <summary>L* of logistic regression when Newton's method found a finite θ*; null otherwise (separable data, softmax, MLPs).</summary>
    public double? LossFloor => Result.Optimum is { Theta: not null } optimum ? optimum.Loss : null;

    /// <summary>The loss by the name people use for it.</summary>
    public string LossName => Network.LossKind switch
    {
        NetworkLoss.BinaryCrossEntropyWithLogits => "binary cross-entropy",
        NetworkLoss.CrossEntropy => "cross-entropy",
        _ => "MSE",
    };

    public string ProgressLabel => FigureModel.AxisTitle(Options.XAxis);

    public string ProgressWord => FigureModel.AxisWord(Options.XAxis);

    public double LossCeiling => FigureModel.Ceiling(Runs);

    /// <summary>Whether the model classifies, so that accuracy is drawn.</summary>
    public bool IsClassifier => Network.IsClassifier;

    /// <summary>Whether the decision regions can be drawn: a classifier on two input columns.</summary>
    public bool HasBoundary => IsClassifier && Network.Data.InputCount == 2;

    /// <summary>The class names, in class order; empty for regression.</summary>
    public string[] ClassNames { get; }

    /// <summary>Per run (in method order), its accuracy on the full data at up to <see cref="MaxAccuracyPoints"/> recorded rows; empty unless a classifier.</summary>
    public IReadOnlyList<AccuracySeries> Accuracy { get; private set; } = [];

    /// <summary>The drawn samples' inputs (first two columns) and classes: every sample, or <see cref="FigureModel.MaxDataPoints"/> evenly spaced rows.</summary>
    public (double[] X, double[] Y, int[] Class) Points { get; private set; } = ([], [], []);

    /// <summary>The grid the static panels colour: x and y cell centres over the data with a margin.</summary>
    public (double[] X, double[] Y) BoundaryGrid { get; private set; } = ([], []);

    /// <summary>Per run, the predicted class at every cell of <see cref="BoundaryGrid"/> (row-major, y outer) at its final θ; null for a run whose θ is not finite.</summary>
    public IReadOnlyList<int[]?> FinalClasses { get; private set; } = [];

    /// <summary>Per run, with one logit (binary), the logit at every cell at its final θ, whose zero level is the p = 0.5 boundary; null otherwise.</summary>
    public IReadOnlyList<double[]?> FinalLogits { get; private set; } = [];

    /// <summary>The replay's coarser grid, over the same area as <see cref="BoundaryGrid"/>.</summary>
    public (double[] X, double[] Y) ReplayGrid { get; private set; } = ([], []);

    /// <summary>Per run, its replay frames: up to <see cref="MaxReplayFrames"/> recorded rows and the predicted classes on <see cref="ReplayGrid"/> at each.</summary>
    public IReadOnlyList<ReplayFrames> Frames { get; private set; } = [];

    /// <summary>Computes the model of <paramref name="result"/>.</summary>
    public static NetworkFigureModel Create(NetworkExperimentResult result, RenderOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var model = new NetworkFigureModel(result, options ?? new RenderOptions());
        model.Build(cancellationToken);
        return model;
    }

    /// <summary>The class the network predicts at input (<paramref name="x"/>, <paramref name="y"/>) for parameters <paramref name="theta"/>.</summary>
    public int PredictAt(ReadOnlySpan<double> theta, double x, double y)
    {
        Span<double> logits = stackalloc double[Network.OutputCount];
        Network.Predict(theta, [x, y], logits);
        return NeuralNetwork.PredictedClass(logits);
    }

    private void Build(CancellationToken cancellationToken)
    {
        var runs = Result.Runs;
        Runs = [.. runs.Select(Series)];
        var ceiling = LossCeiling;
        foreach (var run in Runs)
        {
            FigureModel.FitCurves(run, ceiling, markExcessEnd: LossFloor is not null);
        }

        BuildPoints();
        if (!IsClassifier)
        {
            return;
        }

        // Each run is a pass over the data per accuracy point and a grid of forward passes per frame: runs in parallel.
        var accuracy = new AccuracySeries[runs.Count];
        var frames = new ReplayFrames[runs.Count];
        var classes = new int[]?[runs.Count];
        var logits = new double[]?[runs.Count];
        if (HasBoundary)
        {
            BoundaryGrid = Grid(BoundaryResolution);
            ReplayGrid = Grid(ReplayResolution);
        }

        Parallel.For(0, runs.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            accuracy[i] = Accuracies(runs[i]);
            if (HasBoundary)
            {
                frames[i] = ReplayOf(runs[i]);
                (classes[i], logits[i]) = FinalRegions(Runs[i].Final);
            }
        });
        Accuracy = accuracy;
        if (HasBoundary)
        {
            Frames = frames;
            FinalClasses = classes;
            FinalLogits = logits;
        }
    }

    private RunSeries Series(RunResult run, int index)
    {
        var t = run.Trajectory;
        var rows = Thinning.Rows(t.Count, Options.MaxPoints);
        var final = new double[t.ParameterCount];
        if (t.Count > 0)
        {
            t.ParametersAt(t.Count - 1, final);
        }

        return new RunSeries
        {
            Run = run,
            Index = index,
            Rows = rows,
            Progress = Options.XAxis switch
            {
                XAxis.Steps => RunSeries.Take(t.Step, rows),
                XAxis.Samples => RunSeries.Take(t.Samples, rows),
                _ => RunSeries.Take(t.Epoch, rows),
            },
            Epochs = RunSeries.Take(t.Epoch, rows),
            Steps = RunSeries.Take(t.Step, rows),
            SamplesSeen = RunSeries.Take(t.Samples, rows),
            BatchLoss = RunSeries.Take(t.BatchLoss, rows),
            Loss = RunSeries.Take(t.Loss, rows),
            ExcessLoss = LossFloor is { } floor ? [.. RunSeries.Take(t.Loss, rows).Select(v => v - floor)] : [],
            PlaneX = [],
            PlaneY = [],
            Marks = [],
            Final = final,
        };
    }

    private AccuracySeries Accuracies(RunResult run)
    {
        var t = run.Trajectory;
        var rows = Thinning.Rows(t.Count, MaxAccuracyPoints);
        var theta = new double[t.ParameterCount];
        var accuracy = new double[rows.Length];
        for (var k = 0; k < rows.Length; k++)
        {
            t.ParametersAt(rows[k], theta);
            accuracy[k] = theta.All(double.IsFinite) ? Network.Accuracy(theta) : double.NaN;
        }

        return new AccuracySeries(rows, RunSeries.Take(t.Epoch, rows), RunSeries.Take(t.Step, rows), RunSeries.Take(t.Samples, rows), accuracy);
    }

    private ReplayFrames ReplayOf(RunResult run)
    {
        var t = run.Trajectory;
        var rows = Thinning.Rows(t.Count, MaxReplayFrames);
        var theta = new double[t.ParameterCount];
        var grids = new int[rows.Length][];
        var accuracy = new double[rows.Length];
        var (gx, gy) = ReplayGrid;
        for (var k = 0; k < rows.Length; k++)
        {
            t.ParametersAt(rows[k], theta);
            var finite = theta.All(double.IsFinite);
            accuracy[k] = finite ? Network.Accuracy(theta) : double.NaN;
            grids[k] = finite ? Classes(theta, gx, gy) : [];
        }

        return new ReplayFrames(rows, RunSeries.Take(t.Epoch, rows), RunSeries.Take(t.Step, rows), RunSeries.Take(t.Samples, rows), accuracy, grids);
    }

    private (int[]? Classes, double[]? Logits) FinalRegions(double[] theta)
    {
        if (!theta.All(double.IsFinite))
        {
            return (null, null);
        }

        var (gx, gy) = BoundaryGrid;
        var classes = Classes(theta, gx, gy);
        if (Network.OutputCount != 1)
        {
            return (classes, null);
        }

        var logits = new double[gx.Length * gy.Length];
        Span<double> logit = stackalloc double[1];
        for (var j = 0; j < gy.Length; j++)
        {
            for (var i = 0; i < gx.Length; i++)
            {
                Network.Predict(theta, [gx[i], gy[j]], logit);
                logits[(j * gx.Length) + i] = logit[0];
            }
        }

        return (classes, logits);
    }

    /// <summary>The predicted class at every (x, y) of the grid, row-major with y outer.</summary>
    private int[] Classes(double[] theta, double[] gx, double[] gy)
    {
        var classes = new int[gx.Length * gy.Length];
        for (var j = 0; j < gy.Length; j++)
        {
            for (var i = 0; i < gx.Length; i++)
            {
                classes[(j * gx.Length) + i] = PredictAt(theta, gx[i], gy[j]);
            }
        }

        return classes;
    }

    /// <summary>Cell centres spanning the data's first two input columns with <see cref="Margin"/> on every side.</summary>
    private (double[] X, double[] Y) Grid(int resolution)
    {
        var data = Network.Data;
        double[] Axis(int column)
        {
            var values = data.Input(column);
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            foreach (var v in values)
            {
                low = Math.Min(low, v);
                high = Math.Max(high, v);
            }

            var pad = high > low ? Margin * (high - low) : 1;
            low -= pad;
            high += pad;
            var step = (high - low) / resolution;
            return [.. Enumerable.Range(0, resolution).Select(k => low + ((k + 0.5) * step))];
        }

        return (Axis(0), Axis(1));
    }

    private void BuildPoints()
    {
        var data = Network.Data;
        var rows = Thinning.Rows(data.Count, FigureModel.MaxDataPoints);
        var x = data.Input(0);
        var y = data.InputCount > 1 ? data.Input(1) : data.Output;
        var output = data.Output;
        var (px, py, classes) = (new double[rows.Length], new double[rows.Length], new int[rows.Length]);
        for (var k = 0; k < rows.Length; k++)
        {
            px[k] = x[rows[k]];
            py[k] = y[rows[k]];
            classes[k] = data.ClassNames is null ? 0 : (int)output[rows[k]];
        }

        Points = (px, py, classes);
    }
}
