namespace DescentLab.Io;

/// <summary>An output folder that cannot be used: it exists, is a file, or cannot be written.</summary>
public sealed class OutputFolderException : IOException
{
    /// <summary>Creates an exception for <paramref name="target"/> with the given problem.</summary>
    public OutputFolderException(string target, OutputFolderProblem problem, string detail, Exception? innerException = null)
        : base($"{target}: {detail}", innerException)
    {
        Target = target;
        Problem = problem;
    }

    /// <summary>The output folder as given.</summary>
    public string Target { get; }

    /// <summary>What is wrong.</summary>
    public OutputFolderProblem Problem { get; }
}
