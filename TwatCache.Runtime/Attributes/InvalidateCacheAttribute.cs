using System;

namespace TwatCache;

/// <summary>
/// Once this method returns normally (an async method: once its task completes successfully), drops the entries of
/// a cached method that its call made stale. The target's key arguments are taken from this method's parameters of
/// the same name and type, e.g. on <c>void Rename(int id, string name)</c>,
/// <c>[InvalidateCache(nameof(GetUser))]</c> drops <c>GetUser(id)</c>'s entry; for an instance target, that of this
/// instance. In every engine: memory, SQLite and files. Put it on a method several times to drop several entries.
/// </summary>
/// <remarks>
/// The weaver checks it at build time and removes it: the build fails, with the file and line, when the target is
/// not found or not cached, when overloads leave it ambiguous (the target is the overload whose key parameters all
/// have a match here), when a key parameter has no parameter of the same name and type here (set <see cref="All"/>
/// to drop every entry instead), or when an instance target has no instance here (a static method, or another type).
/// The method carrying it is not cached itself: a cached call may not run it, so it could not invalidate.
/// An exception, or a faulted or cancelled task, drops nothing.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class InvalidateCacheAttribute : Attribute
{
    /// <summary>A cached method of the same type: <c>[InvalidateCache(nameof(GetUser))]</c>.</summary>
    /// <param name="methodName">The target's name; write it with <c>nameof</c>, so renaming it cannot leave this behind.</param>
    public InvalidateCacheAttribute(string methodName)
    {
        MethodName = methodName;
    }

    /// <summary>A cached method of another type of this assembly: <c>[InvalidateCache(typeof(Users), nameof(Users.Get))]</c>.</summary>
    /// <param name="type">The type declaring the target.</param>
    /// <param name="methodName">The target's name; write it with <c>nameof</c>.</param>
    public InvalidateCacheAttribute(Type type, string methodName)
    {
        Type = type;
        MethodName = methodName;
    }

    /// <summary>The type declaring the target; null for this method's own type.</summary>
    public Type? Type { get; }

    /// <summary>The target's name.</summary>
    public string MethodName { get; }

    /// <summary>
    /// Drops every entry of the target (of every instance, and on disk), as <c>Cache.Clear(type, methodName)</c> does,
    /// instead of those of the matching arguments. Default false.
    /// </summary>
    public bool All { get; set; }
}
