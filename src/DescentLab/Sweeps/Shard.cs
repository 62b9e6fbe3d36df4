using System.Globalization;

namespace DescentLab.Sweeps;

/// <summary>
/// The i-th of N fixed slices of a sweep's runs (0 ≤ i &lt; N): run number k (cell × replicates + replicate) belongs to
/// shard k mod N. Round-robin spreads every cell over the shards, so slow or diverging cells do not all land on one.
/// </summary>
/// <param name="Index">The shard's index i, from 0.</param>
/// <param name="Count">The number of shards N.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole sweep as one shard.</summary>
    public static Shard All { get; } = new(0, 1);

    /// <summary>Whether run number <paramref name="run"/> belongs to this shard.</summary>
    public bool Contains(long run) => run % Count == Index;

    /// <summary>How many of a sweep's <paramref name="runCount"/> runs (0 … runCount − 1) belong to this shard.</summary>
    public long RunCountOf(long runCount) => (runCount - Index + Count - 1) / Count;

    /// <summary>Reads "i/N" (0 ≤ i &lt; N).</summary>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw Refused(m => new FormatException(m), $"'{text}' is not of the form i/N, e.g. 0/4.");
        }

        return Create(index, count, text);
    }

    /// <summary>
    /// The shard a batch scheduler assigns through <paramref name="variables"/> (the process environment, passed in):
    /// Slurm job arrays ((SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP of SLURM_ARRAY_TASK_COUNT),
    /// or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX of <paramref name="shards"/>, which the job does not expose);
    /// null if neither is set.
    /// </summary>
    /// <remarks>
    /// A stepped array (sbatch --array=0-15:4) numbers its tasks MIN, MIN + STEP, …, MAX. An array with gaps
    /// (--array=1,3,6) has no such rule: its tasks cannot tell their place, so it is refused, as is a task id off the step.
    /// </remarks>
    public static Shard? FromVariables(IReadOnlyDictionary<string, string> variables, int? shards = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (variables.TryGetValue("SLURM_ARRAY_TASK_ID", out var id) && variables.TryGetValue("SLURM_ARRAY_TASK_COUNT", out var total))
        {
            var task = Integer(id, "SLURM_ARRAY_TASK_ID");
            var tasks = Integer(total, "SLURM_ARRAY_TASK_COUNT");
            var min = variables.TryGetValue("SLURM_ARRAY_TASK_MIN", out var minText) ? Integer(minText, "SLURM_ARRAY_TASK_MIN") : 0;
            var step = variables.TryGetValue("SLURM_ARRAY_TASK_STEP", out var stepText) ? Integer(stepText, "SLURM_ARRAY_TASK_STEP") : 1;
            var source = $"SLURM_ARRAY_TASK_ID={id}";
            if (step < 1)
            {
                throw Refused(m => new FormatException(m), $"SLURM_ARRAY_TASK_STEP={stepText} is not a step of at least 1.");
            }

            if (variables.TryGetValue("SLURM_ARRAY_TASK_MAX", out var maxText) && Integer(maxText, "SLURM_ARRAY_TASK_MAX") != min + ((long)step * (tasks - 1)))
            {
                throw Refused(
                    m => new ArgumentOutOfRangeException(nameof(variables), m),
                    $"the Slurm array's {tasks} task ids run from {min} to {maxText}, which steps of {step} do not give: the tasks of an array with gaps cannot tell which shard is theirs; give each task its shard i/N explicitly.");
            }

            if ((task - min) % step != 0)
            {
                throw Refused(
                    m => new ArgumentOutOfRangeException(nameof(variables), m),
                    $"{source} is not SLURM_ARRAY_TASK_MIN={min} plus a multiple of SLURM_ARRAY_TASK_STEP={step}.");
            }

            return Create((task - min) / step, shards ?? tasks, source);
        }

        if (variables.TryGetValue("JOB_COMPLETION_INDEX", out var completion))
        {
            if (shards is not int n)
            {
                throw Refused(m => new ArgumentException(m, nameof(shards)), "JOB_COMPLETION_INDEX is set but the number of shards is not given (the Indexed Job's completions).");
            }

            return Create(Integer(completion, "JOB_COMPLETION_INDEX"), n, $"JOB_COMPLETION_INDEX={completion}");
        }

        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    private static Shard Create(int index, int count, string source) =>
        count >= 1 && index >= 0 && index < count
            ? new Shard(index, count)
            : throw Refused(m => new ArgumentOutOfRangeException(nameof(index), m), $"{source} gives shard {index} of {count}; need 0 ≤ i < N.");

    private static int Integer(string text, string name) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Refused(m => new FormatException(m), $"{name}='{text}' is not an integer.");

    /// <summary>The exception of <paramref name="create"/> with the message "shard: <paramref name="message"/>", carrying the error as a <see cref="SettingError"/>.</summary>
    private static T Refused<T>(Func<string, T> create, string message)
        where T : Exception =>
        SettingError.Attach(create($"shard: {message}"), "shard", message);
}
