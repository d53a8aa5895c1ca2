using System;
using System.Diagnostics.CodeAnalysis;
using TwatCache.Diagnostics;

namespace TwatCache.Flights;

/// <summary>Throw sites kept out of the methods the JIT should inline, and the messages they share.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void SelfDependency(Type declaringType, string displayName) =>
        throw SelfDependencyError(declaringType, displayName, "called");

    /// <summary>
    /// The error for a body that asks for its own key: <paramref name="verb"/> is "called" or "awaited".
    /// The method is named with its type (<c>FencedBlockParser.TryContinue(BlockProcessor, Block)</c>): a
    /// large program has many methods of one name.
    /// </summary>
    public static InvalidOperationException SelfDependencyError(Type declaringType, string displayName, string verb) =>
        new($"TwatCache: {TypeNames.Readable(declaringType)}.{displayName} {verb} itself with the same arguments while computing them; a cached method cannot depend on its own result.");
}
