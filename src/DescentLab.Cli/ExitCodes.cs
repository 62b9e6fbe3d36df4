namespace DescentLab.Cli;

/// <summary>The command's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was written.</summary>
    public const int Success = 0;

    /// <summary>The input was valid but running it failed; nothing was left behind.</summary>
    public const int Failure = 1;

    /// <summary>A flag, field, file or line of the input is wrong; nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted (Ctrl-C or a termination signal); nothing was left behind. 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
