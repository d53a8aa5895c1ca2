namespace TwatCache.Keys;

/// <summary>
/// What <see cref="KeyFreezer{TKey}"/> and <see cref="ResultAliasing{TKey, TValue}"/> ask of a key part that may
/// wrap the caller's array or list (<see cref="ArrayKey{T}"/>, <see cref="ListKey{T}"/>, <see cref="ValueKey{T}"/>).
/// An interface rather than a reflected method, so finding and calling it needs no run-time code generation
/// and nothing that trimming cannot see.
/// </summary>
internal interface ISequenceKey
{
    /// <summary>Whether this kind of key part can hold an array or list at all (a <c>ValueKey&lt;int&gt;</c> cannot).</summary>
    bool MayHoldSequence { get; }

    /// <summary>A boxed copy that shares no array or list with the caller.</summary>
    object FreezeBoxed();

    /// <summary>Whether <paramref name="candidate"/> is the wrapped array or list or one nested in it.</summary>
    bool Holds(object candidate);
}
