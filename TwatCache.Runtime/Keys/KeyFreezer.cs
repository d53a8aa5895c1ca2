using System;

namespace TwatCache.Keys;

/// <summary>
/// Turns a key that may share arrays or lists with its caller into one that owns copies, so the key
/// stored on a miss cannot be changed later by the caller. Decided once per key type: <c>null</c> (the
/// identity, nothing to copy) when <typeparamref name="TKey"/> holds no <see cref="ArrayKey{T}"/>,
/// <see cref="ListKey{T}"/> or <see cref="ValueKey{T}"/> of an array or list type anywhere, nested <c>TRest</c> tuples included.
/// </summary>
/// <remarks>
/// The key's shape is read from its default value (<see cref="KeyTuples"/>), so this needs no run-time code
/// generation: NativeAOT and trimmed applications freeze keys as the JIT does. Freezing boxes the key once,
/// on a miss only; a hit never comes here.
/// </remarks>
internal static class KeyFreezer<TKey>
{
    /// <summary>Copies the arrays and lists inside a key; <c>null</c> when the key type holds none.</summary>
    public static readonly Func<TKey, TKey>? Freeze = KeyTuples.MayHoldSequence(default(TKey)) ? static key => (TKey)KeyTuples.Freeze(key)! : null;
}
