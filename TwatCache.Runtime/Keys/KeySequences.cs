using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace TwatCache.Keys;

/// <summary>The sequence types a key compares by content, and how to copy one so the copy shares nothing with the caller.</summary>
internal static class KeySequences
{
    /// <summary>The element type of <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c> or <c>IReadOnlyList&lt;T&gt;</c>; else null.</summary>
    public static Type? ListElement(Type type)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    /// <summary>A copy of an array whose nested arrays and lists are copied too.</summary>
    public static TElement[]? CopyArray<TElement>(TElement[]? array)
    {
        if (array is null || array.Length == 0)
        {
            return array;
        }

        if (KeyCopier<TElement>.Copy is not { } copyElement)
        {
            return (TElement[])array.Clone();
        }

        // A new TElement[] rather than a clone: a covariant array (a List<int>[] passed as IList<int>[])
        // could not hold the copied elements, which need not have the caller's element type.
        var copy = new TElement[array.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = copyElement(array[i]);
        }

        return copy;
    }

    /// <summary>The contents of a list (an <see cref="IList{T}"/> or <see cref="IReadOnlyList{T}"/>) as a new array, copied all the way down.</summary>
    public static TElement[] CopyToArray<TElement>(object items)
    {
        var copy = ListView<TElement>.TryGetSpan(items, out var span) ? span.ToArray() : new ListView<TElement>(items).ToArray();
        if (KeyCopier<TElement>.Copy is { } copyElement)
        {
            for (var i = 0; i < copy.Length; i++)
            {
                copy[i] = copyElement(copy[i]);
            }
        }

        return copy;
    }

    static List<TElement>? CopyList<TElement>(List<TElement>? list) => list is null ? null : new List<TElement>(CopyToArray<TElement>(list));

    // An IList<T>/IReadOnlyList<T> nested in a key keeps the runtime type the caller is likely to cast to
    // when it is an array or a List<T>; any other list becomes an array (both interfaces, any element type).
    static IList<TElement>? CopyIList<TElement>(IList<TElement>? list) => list switch
    {
        null => null,
        List<TElement> concrete => CopyList(concrete),
        _ => CopyToArray<TElement>(list),
    };

    static IReadOnlyList<TElement>? CopyIReadOnlyList<TElement>(IReadOnlyList<TElement>? list) => list switch
    {
        null => null,
        List<TElement> concrete => CopyList(concrete),
        _ => CopyToArray<TElement>(list),
    };

    /// <summary>
    /// Whether <paramref name="candidate"/> is <paramref name="items"/> (an array or list of <typeparamref name="TElement"/>)
    /// or, when the elements are arrays or lists themselves, one of those at any depth.
    /// </summary>
    public static bool Holds<TElement>(object? items, object candidate)
    {
        if (items is null)
        {
            return false;
        }

        if (ReferenceEquals(items, candidate))
        {
            return true;
        }

        if (KeyCopier<TElement>.Holds is not { } elementHolds)
        {
            return false;
        }

        var view = new ListView<TElement>(items);
        for (var i = 0; i < view.Count; i++)
        {
            if (elementHolds(view[i], candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is a sequence compared by content (an array or one of the list types).</summary>
    public static bool IsSequence(Type type) => ElementOf(type) is not null;

    /// <summary>The copy function for <paramref name="type"/>, or null when it is not a sequence compared by content.</summary>
    public static Delegate? CopierFor(Type type) => ElementOf(type) is { } element ? Bind(CopyMethod(type), type, type, element) : null;

    /// <summary><see cref="Holds{TElement}"/> for values of <paramref name="type"/>, or null when it is not a sequence compared by content.</summary>
    public static Delegate? HoldsFor(Type type) => ElementOf(type) is { } element ? Bind(HoldsMethod, type, typeof(object), element) : null;

    /// <summary>The message when a nested sequence meets an application without run-time code generation.</summary>
    public static NotSupportedException NeedsDynamicCode(Type type) => new(
        $"TwatCache: a key or result of type {type} holds arrays or lists that are copied and compared by content through " +
        "generic code made at run time for their element type, and this application has no run-time code generation (NativeAOT). " +
        "Use flat arrays or lists (no array or list inside another, no type parameter standing for one) in NativeAOT applications.");

    static Type? ElementOf(Type type) => type.IsSZArray ? type.GetElementType() : ListElement(type);

    // Each named with a constant, so trimming keeps exactly these.
    static readonly MethodInfo CopyArrayMethod = typeof(KeySequences).GetMethod(nameof(CopyArray), BindingFlags.Static | BindingFlags.Public)!;
    static readonly MethodInfo CopyListMethod = typeof(KeySequences).GetMethod(nameof(CopyList), BindingFlags.Static | BindingFlags.NonPublic)!;
    static readonly MethodInfo CopyIListMethod = typeof(KeySequences).GetMethod(nameof(CopyIList), BindingFlags.Static | BindingFlags.NonPublic)!;
    static readonly MethodInfo CopyIReadOnlyListMethod = typeof(KeySequences).GetMethod(nameof(CopyIReadOnlyList), BindingFlags.Static | BindingFlags.NonPublic)!;
    static readonly MethodInfo HoldsMethod = typeof(KeySequences).GetMethod(nameof(Holds), BindingFlags.Static | BindingFlags.Public)!;

    static MethodInfo CopyMethod(Type type)
    {
        if (type.IsSZArray)
        {
            return CopyArrayMethod;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(List<>) ? CopyListMethod : definition == typeof(IList<>) ? CopyIListMethod : CopyIReadOnlyListMethod;
    }

    // Func<TSequence, TResult> over a generic method of the element type; reference-type parameters bind
    // contravariantly (Holds takes object for any T). The element type is known only at run time: the
    // instantiation is made then, which NativeAOT cannot do, so it gets the clear error instead.
    static Delegate Bind(MethodInfo definition, Type sequence, Type result, Type element)
    {
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            throw NeedsDynamicCode(sequence);
        }

        return BindAtRunTime(definition, sequence, result, element);
    }

    [RequiresDynamicCode("Instantiates a generic method and delegate type for an element type known only at run time.")]
    [UnconditionalSuppressMessage("Trimming", "IL2060", Justification = "The methods bound here are the five named above with constants " +
        "(so trimming keeps them), and none puts a DynamicallyAccessedMembers requirement on its type parameter: any instantiation has what it needs.")]
    static Delegate BindAtRunTime(MethodInfo definition, Type sequence, Type result, Type element)
    {
        var delegateType = definition == HoldsMethod
            ? typeof(Func<,,>).MakeGenericType(sequence, typeof(object), typeof(bool))
            : typeof(Func<,>).MakeGenericType(sequence, result);
        return Delegate.CreateDelegate(delegateType, definition.MakeGenericMethod(element));
    }
}

/// <summary>For a value of <typeparamref name="T"/> nested in a key: how to copy it so that it shares no array or list with the caller, and how to find what it shares.</summary>
internal static class KeyCopier<T>
{
    /// <summary>Null when <typeparamref name="T"/> is not compared by content (it is kept as it is).</summary>
    public static readonly Func<T, T>? Copy = (Func<T, T>?)KeySequences.CopierFor(typeof(T));

    /// <summary>Whether a value of <typeparamref name="T"/> is, or nests, a given array or list; null as <see cref="Copy"/> is.</summary>
    public static readonly Func<T, object, bool>? Holds = (Func<T, object, bool>?)KeySequences.HoldsFor(typeof(T));
}
