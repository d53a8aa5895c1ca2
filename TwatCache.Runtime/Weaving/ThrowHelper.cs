using System;
using System.Diagnostics.CodeAnalysis;

namespace TwatCache.Weaving;

/// <summary>Throw sites kept out of the methods the JIT should inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void SelfDependency(string displayName) =>
        throw new InvalidOperationException(
            $"TwatCache: {displayName} called itself with the same arguments while computing them; a cached method cannot depend on its own result.");
}
