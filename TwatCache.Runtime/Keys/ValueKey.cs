using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace TwatCache.Keys;

/// <summary>
/// A <c>double</c>, <c>float</c>, <c>decimal</c>, <c>DateTime</c> or <c>DateTimeOffset</c> argument (or a
/// <c>Nullable</c> of one) in a memory key: equal to another only when their representations are, since
/// the method can tell 1.0m from 1.00m, 0.0 from -0.0, and one instant in two offsets or kinds apart.
/// Also an argument typed by a type parameter, which may be any of those, or an array or list (compared by
/// content and copied when stored, like an <see cref="ArrayKey{T}"/>).
/// </summary>
/// <remarks>See <see cref="KeyComparer{T}"/> for the rule, NaN included. A hit allocates nothing.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ValueKey<T> : IEquatable<ValueKey<T>>, ISequenceKey
{
    readonly T value;

    /// <summary>Wraps the argument.</summary>
    public ValueKey(T value) => this.value = value;

    /// <inheritdoc />
    public bool Equals(ValueKey<T> other) =>
        // A type parameter standing for int is wrapped too: keep the default comparer's devirtualised call for it.
        KeyComparer<T>.IsDefault ? EqualityComparer<T>.Default.Equals(value, other.value) : KeyComparer<T>.Default.Equals(value, other.value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueKey<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        value is null ? 0 : KeyComparer<T>.IsDefault ? EqualityComparer<T>.Default.GetHashCode(value) : KeyComparer<T>.Default.GetHashCode(value);

    /// <summary>Whether <see cref="Freeze"/> copies anything: <typeparamref name="T"/> is an array or list type.</summary>
    internal static bool NeedsFreezing => KeyCopier<T>.Copy is not null;

    /// <summary>A copy that shares no array or list with the caller (the value itself unless <typeparamref name="T"/> is a sequence).</summary>
    internal ValueKey<T> Freeze() => KeyCopier<T>.Copy is { } copy ? new(copy(value)) : this;

    /// <summary>Whether <paramref name="candidate"/> is the wrapped array or list or one nested in it.</summary>
    internal bool Holds(object candidate) => KeyCopier<T>.Holds is { } holds && holds(value, candidate);

    bool ISequenceKey.MayHoldSequence => NeedsFreezing;

    object ISequenceKey.FreezeBoxed() => Freeze();

    bool ISequenceKey.Holds(object candidate) => Holds(candidate);
}
