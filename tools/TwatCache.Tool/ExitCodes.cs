namespace TwatCache.Tool;

/// <summary>What scripts can rely on.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command line is wrong (also System.CommandLine's code for parse errors).</summary>
    public const int Usage = 1;

    /// <summary>No cache where one was looked for, no method by that name, or a store that cannot be read or changed.</summary>
    public const int Failure = 2;
}
