using Mono.Cecil;

namespace TwatCache.Fody.Selection;

/// <summary>
/// What a class-level attribute leaves uncached, and why. The attribute means "cache what can be
/// cached here", so it skips every shape the validator rejects (void, by-ref parameters, plain
/// <c>Task</c>, equality members, enumerators, lazy sequences, …) and two that can be cached but
/// only an explicit attribute should: <c>ToString</c> overrides and comparisons. On the method
/// itself, the validator's reasons are build errors instead.
/// </summary>
static class ClassLevelSkips
{
    /// <summary>Why <paramref name="method"/> is not cached by its class's attribute (of <paramref name="kind"/>), or null when it is.</summary>
    /// <param name="attribute">The attribute's name as the user wrote it, for the message (a [UCache] method is woven as another kind).</param>
    public static string? Reason(CacheKind kind, string attribute, MethodDefinition method)
    {
        if (MemberRoles.IsToStringOverride(method))
        {
            return Messages.ToStringOverrideSkipped();
        }

        if (MemberRoles.IsComparison(method))
        {
            return Messages.ComparisonSkipped();
        }

        return MethodValidator.ValidateShape(kind, attribute, method) is { } problem ? Messages.Reason(problem, attribute, method) : null;
    }
}
