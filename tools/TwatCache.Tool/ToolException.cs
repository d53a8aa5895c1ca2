using System;

namespace TwatCache.Tool;

/// <summary>Nothing to work on, or the work failed: exit code 2, with a sentence that says what and where.</summary>
internal sealed class ToolException(string message) : Exception(message);
