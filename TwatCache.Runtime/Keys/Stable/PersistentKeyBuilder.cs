using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using TwatCache.Serialization;

namespace TwatCache.Keys.Stable;

/// <summary>
/// Turns a method's key arguments into the key of its persistent entry, the same in every process
/// and on every machine: SHA-256 over
/// <code>
/// "TwatCache.Key/4"          format tag (bumped if this encoding ever changes)
/// method identity            e.g. "MyApp.Maths::Fib(System.Int32)" (open generic: the same for every instantiation)
/// IL hash                    so a changed body never serves old results
/// Version                    the user's attribute setting ("" when unset)
/// declaring type             stable name of the closed declaring type: Box&lt;int&gt;.Get and Box&lt;long&gt;.Get differ
/// result type                stable name of TValue: Parse&lt;int&gt;("1") and Parse&lt;double&gt;("1") differ
/// key type                   stable name of TKey, so (int)1 and (long)1 differ
/// method type arguments      stable names, for generic methods only
/// zero bytes                 up to the next multiple of 64 bytes
/// arguments                  canonical encoding (see <see cref="CanonicalWriter"/>)
/// </code>
/// every string length-prefixed generalised UTF-8 (<see cref="Wtf8"/>), every type name with its assembly's simple
/// name (<see cref="StableTypeName"/>). Never <c>GetHashCode</c>: string hashes are randomised per process.
/// Everything before the arguments is fixed per method, and the zeros make it whole SHA-256 blocks, so it is
/// hashed once (<see cref="Sha256Midstate"/>) and a call hashes only its arguments: one block for up to 55
/// bytes of them. The zeros add no ambiguity: the method identity already decides how many strings precede them.
/// (Format 1 had neither type name: closed instantiations of one generic method shared keys. Format 2 had no
/// zeros: the same key bytes cost four or five blocks a call. Format 3 wrote a lone surrogate as U+FFFD, folded -0.0
/// into 0.0 and every NaN into one, widened Half to float, wrote JSON strings and NaNs lossily, and named types
/// without their assembly: values a method can tell apart shared entries.)
/// </summary>
internal sealed class PersistentKeyBuilder<TKey>
{
    /// <summary>Bumped whenever the bytes below change for an unchanged input; old entries then just miss.</summary>
    public const string FormatTag = "TwatCache.Key/4";

    /// <summary>
    /// The tag of <see cref="MethodId"/>, fixed for good: a method keeps its rows and folder across key
    /// formats, so <c>Clear</c> and MaxSize still reach entries an older format wrote (they only miss).
    /// </summary>
    public const string MethodIdTag = "TwatCache.Key/1";

    readonly Sha256Midstate prefixHashed;
    readonly ArgumentEncoder<TKey> encoder = ArgumentEncoder<TKey>.Instance;

    /// <param name="methodIdentity">The method's identity as the weaver writes it.</param>
    /// <param name="ilHash">The weaver's hash of the body and what it reaches.</param>
    /// <param name="version">The attribute's Version.</param>
    /// <param name="declaringType">The closed declaring type.</param>
    /// <param name="resultType">The stored result's type (for async methods, the awaited type).</param>
    /// <param name="methodTypeArguments">A generic method's type arguments; none for other methods.</param>
    [RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
    [RequiresDynamicCode(PersistentReflection.Dynamic)]
    public PersistentKeyBuilder(string methodIdentity, string ilHash, string version, Type declaringType, Type resultType,
        IReadOnlyList<Type>? methodTypeArguments = null)
    {
        using var writer = CanonicalWriter.Rent();
        writer.WriteString(FormatTag);
        writer.WriteString(methodIdentity);
        writer.WriteString(ilHash);
        writer.WriteString(version);
        writer.WriteString(StableTypeName.Of(declaringType));
        writer.WriteString(StableTypeName.Of(resultType));
        writer.WriteString(StableTypeName.Of(typeof(TKey)));

        // Written only for generic methods, so the keys of all other methods are what they were: a type
        // argument that appears in neither the key nor the result would otherwise let instantiations share entries.
        foreach (var argument in methodTypeArguments ?? [])
        {
            writer.WriteString(StableTypeName.Of(argument));
        }

        writer.WriteZeros(-writer.Written.Length & (Sha256Block.Size - 1));
        Prefix = writer.Written.ToArray();
        prefixHashed = new Sha256Midstate(Prefix);
        MethodId = MethodIdOf(methodIdentity);
        BuildTag = BuildTagOf(ilHash, version);
    }

    /// <summary>
    /// The hash of the method identity alone: names the method's rows and folder, so
    /// <c>Clear</c> also drops entries written by older bodies or versions of the method
    /// (and, the identity being the open one, by every closed instantiation of it).
    /// </summary>
    public KeyHash MethodId { get; }

    /// <summary>
    /// Which build of the method writes: a short hash of the key format, the IL hash and the Version, the parts
    /// of the key that change when a rebuild makes the old entries unreachable. The same for every closed
    /// instantiation of a generic method (they share rows and folder, and must not reclaim each other's).
    /// The stores tag what they write with it and reclaim what other builds left (SqliteStore, FileStore).
    /// </summary>
    public string BuildTag { get; }

    /// <summary>The fixed bytes every key of this method starts with, zeros included.</summary>
    public byte[] Prefix { get; }

    public static KeyHash MethodIdOf(string methodIdentity)
    {
        // Well-formed identities encode as plain UTF-8, as in every format: method ids never change.
        using var writer = CanonicalWriter.Rent();
        writer.WriteString(MethodIdTag);
        writer.WriteString(methodIdentity);
        return KeyHash.Of(writer.Written);
    }

    static string BuildTagOf(string ilHash, string version)
    {
        using var writer = CanonicalWriter.Rent();
        writer.WriteString(FormatTag);
        writer.WriteString(ilHash);
        writer.WriteString(version);
        // 64 bits: builds of one method are few, and a collision only keeps an old build's entries (they miss).
        return KeyHash.Of(writer.Written).ToHex()[..16];
    }

    public KeyHash Build(TKey key)
    {
        // Disposed even when an argument's encoding throws (user code in a getter): the thread keeps its spare.
        using var writer = CanonicalWriter.Rent();
        encoder.Write(writer, key);
        return prefixHashed.Hash(writer.Written);
    }
}
