namespace DescentLab.Io;

/// <summary>Why an output folder cannot be used.</summary>
public enum OutputFolderProblem
{
    /// <summary>The folder exists and replacing it was not asked for.</summary>
    Exists,

    /// <summary>The path, or a folder above it, is a file.</summary>
    IsFile,

    /// <summary>The folder cannot be created or written.</summary>
    NotWritable,

    /// <summary>The folder exists and was not written by DescentLab (no marker file, or a symbolic link): it is never replaced.</summary>
    NotOurs,

    /// <summary>The folder is the working directory, a folder above it, the home folder or a file system root: it is never replaced.</summary>
    Protected,
}
