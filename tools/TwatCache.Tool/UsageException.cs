using System;

namespace TwatCache.Tool;

/// <summary>The command line asks for something that cannot be: exit code 1, like a parse error.</summary>
internal sealed class UsageException(string message) : Exception(message);
