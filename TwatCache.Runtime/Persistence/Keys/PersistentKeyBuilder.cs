using System;

namespace TwatCache.Persistence.Keys;

/// <summary>
/// Turns a method's key arguments into the key of its persistent entry, the same in every process
/// and on every machine: SHA-256 over
/// <code>
/// "TwatCache.Key/1"          format tag (bumped if this encoding ever changes)
/// method identity            e.g. "MyApp.Maths::Fib(System.Int32)"
/// IL hash                    so a changed body never serves old results
/// Version                    the user's attribute setting ("" when unset)
/// key type                   stable name of TKey, so (int)1 and (long)1 differ
/// arguments                  canonical encoding (see <see cref="CanonicalWriter"/>)
/// </code>
/// every string length-prefixed UTF-8. Never <c>GetHashCode</c>: string hashes are randomised per process.
/// </summary>
internal sealed class PersistentKeyBuilder<TKey>
{
    /// <summary>Bumped whenever the bytes below change for an unchanged input; old entries then just miss.</summary>
    public const string FormatTag = "TwatCache.Key/1";

    readonly byte[] prefix;
    readonly ArgumentEncoder<TKey> encoder = ArgumentEncoder<TKey>.Instance;

    public PersistentKeyBuilder(string methodIdentity, string ilHash, string version)
    {
        var writer = CanonicalWriter.Rent();
        writer.WriteString(FormatTag);
        writer.WriteString(methodIdentity);
        writer.WriteString(ilHash);
        writer.WriteString(version);
        writer.WriteString(StableTypeName.Of(typeof(TKey)));
        prefix = writer.Written.ToArray();
        MethodId = MethodIdOf(methodIdentity);
    }

    /// <summary>
    /// The hash of the method identity alone: names the method's rows and folder, so
    /// <c>Clear</c> also drops entries written by older bodies or versions of the method.
    /// </summary>
    public KeyHash MethodId { get; }

    public static KeyHash MethodIdOf(string methodIdentity)
    {
        var writer = CanonicalWriter.Rent();
        writer.WriteString(FormatTag);
        writer.WriteString(methodIdentity);
        return KeyHash.Of(writer.Written);
    }

    public KeyHash Build(TKey key)
    {
        var writer = CanonicalWriter.Rent();
        writer.WriteRaw(prefix);
        encoder.Write(writer, key);
        return KeyHash.Of(writer.Written);
    }
}
