using System;
using System.ComponentModel;
using TwatCache.Diagnostics;

namespace TwatCache.Sites;

/// <summary>
/// Where a woven assembly's module initializer declares its [BCache]/[FCache] methods (Redis and Distributed ones included), so that
/// <c>Cache.Clear()</c> reaches their entries on disk, in Redis or in the IDistributedCache even when they have not been called in this process.
/// Called only by woven code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PersistentMethodDeclarations
{
    /// <summary>Records one method; reads no setting and touches no disk.</summary>
    /// <param name="declaringType">The declaring type (the open definition for a generic type).</param>
    /// <param name="methodName">The method's metadata name, as <c>Cache.Clear(Type, string)</c> matches it.</param>
    /// <param name="attribute"><see cref="CacheKind.BCache"/> or <see cref="CacheKind.FCache"/>.</param>
    /// <param name="methodIdentity">The method's full identity, as the method's <c>PersistentCachedMethod</c> is given it.</param>
    /// <param name="folder">The attribute's <c>Folder</c>; null for <c>default</c>.</param>
    /// <param name="engine">Where its entries live: <see cref="CacheEngine.Sqlite"/>, <see cref="CacheEngine.Files"/>, <see cref="CacheEngine.Redis"/> or <see cref="CacheEngine.Distributed"/>.</param>
    public static void Declare(Type declaringType, string methodName, CacheKind attribute, string methodIdentity, string? folder, CacheEngine engine)
    {
        ArgumentNullException.ThrowIfNull(declaringType);
        ArgumentNullException.ThrowIfNull(methodName);
        ArgumentNullException.ThrowIfNull(methodIdentity);
        CacheRegistry.Declare(new PersistentDeclaration(declaringType, methodName, attribute, methodIdentity, folder, engine));
    }
}
