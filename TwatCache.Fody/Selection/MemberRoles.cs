using Mono.Cecil;
using TwatCache.Fody.Weaving;

namespace TwatCache.Fody.Selection;

/// <summary>
/// Methods whose name or result type gives them a role that caching breaks or makes pointless:
/// equality members (the cache calls them itself), enumerators (used up by one loop), lazy
/// sequences (a cached query runs again on every loop), object overrides and comparisons.
/// Matched by name and signature, not by interface: an implicit implementation looks the same.
/// </summary>
static class MemberRoles
{
    /// <summary>
    /// <c>bool Equals(…)</c> or <c>int GetHashCode(…)</c>: the object override, <c>IEquatable&lt;T&gt;.Equals</c>,
    /// a static or comparer <c>Equals(a, b)</c>. Keys are compared with these, so a cached one calls back into the
    /// cache that is comparing (a cached <c>Equals</c> recurses until the stack overflows).
    /// </summary>
    public static bool IsEqualityMember(MethodDefinition method) =>
        (method.Name == "Equals" && method.ReturnType.MetadataType == MetadataType.Boolean && method.HasParameters)
        || (method.Name == "GetHashCode" && method.ReturnType.MetadataType == MetadataType.Int32);

    /// <summary><c>GetEnumerator()</c>, or a result (or awaited result) that is an enumerator: its first loop uses it up.</summary>
    public static bool IsEnumerator(MethodDefinition method) =>
        method.Name == "GetEnumerator" || IsEnumeratorType(Result(method.ReturnType));

    /// <summary>
    /// A result (or awaited result) declared as a sequence interface — <c>IEnumerable&lt;T&gt;</c>, <c>IQueryable&lt;T&gt;</c>,
    /// … — which may be a deferred query: caching it would keep the query, not its items.
    /// </summary>
    public static bool IsLazySequence(TypeReference returnType)
    {
        var result = Result(returnType);
        var name = result is GenericInstanceType instance ? instance.ElementType.FullName : result.FullName;
        return name is "System.Collections.IEnumerable" or "System.Collections.Generic.IEnumerable`1"
            or "System.Linq.IQueryable" or "System.Linq.IQueryable`1" or "System.Linq.IOrderedQueryable" or "System.Linq.IOrderedQueryable`1"
            or "System.Linq.IOrderedEnumerable`1" or "System.Linq.ParallelQuery" or "System.Linq.ParallelQuery`1" or "System.Linq.OrderedParallelQuery`1";
    }

    /// <summary><c>override string ToString()</c>: formatting, logging and debuggers call it expecting it cheap and current.</summary>
    public static bool IsToStringOverride(MethodDefinition method) =>
        method.Name == "ToString" && !method.HasParameters && method.IsVirtual && method.ReturnType.MetadataType == MetadataType.String;

    /// <summary><c>int CompareTo(other)</c> (<c>IComparable</c>, <c>IComparable&lt;T&gt;</c>): sorting calls it with ever-new pairs.</summary>
    public static bool IsComparison(MethodDefinition method) =>
        method.Name == "CompareTo" && method.Parameters.Count == 1 && method.ReturnType.MetadataType == MetadataType.Int32;

    static bool IsEnumeratorType(TypeReference type)
    {
        var name = type is GenericInstanceType instance ? instance.ElementType.FullName : type.FullName;
        return name is "System.Collections.IEnumerator" or "System.Collections.Generic.IEnumerator`1" or "System.Collections.IDictionaryEnumerator";
    }

    // What the cache would store: T for Task<T> and ValueTask<T>, the return type otherwise.
    static TypeReference Result(TypeReference returnType) =>
        MethodKinds.Of(returnType) == MethodKind.Sync ? returnType : ((GenericInstanceType)returnType).GenericArguments[0];
}
