using System.Collections.Generic;
using System.Linq;
using TwatCache.Fody.Selection;

namespace TwatCache.Fody.Purity;

/// <summary>
/// Build warnings about cached methods whose results may not follow their keys: the body (or a method of the
/// same assembly it calls) reads something the key does not hold (<see cref="NondeterminismCheck"/>), or a key
/// parameter compares by reference (<see cref="KeyEqualityCheck"/>). Warnings, not errors: the method is cached
/// as asked, and the user may know better. Taken before anything is woven, like the IL hash.
/// </summary>
static class PurityWarnings
{
    /// <summary>
    /// The named argument, on the method's attribute or its class's, that silences both warnings: a user who
    /// caches per instance on purpose (a key class compared by reference) needs a way out as much as one who
    /// reads the clock on purpose, since a Fody warning fails a build that treats warnings as errors.
    /// </summary>
    public const string IgnoreNondeterminism = "IgnoreNondeterminism";

    public static void Report(ModuleWeaver weaver, IReadOnlyList<CacheRequest> requests)
    {
        var check = new NondeterminismCheck(weaver.ModuleDefinition);
        foreach (var request in requests)
        {
            if (IsSilenced(request))
            {
                continue;
            }

            var method = request.Method;
            foreach (var read in check.Reads(method))
            {
                weaver.WriteWarning(Messages.NondeterministicRead(request.AttributeName, method, read), read.Point ?? SourcePoints.Of(method));
            }

            if (!request.IsPersistent)
            {
                foreach (var parameter in KeyParameters.Of(method))
                {
                    if (KeyEqualityCheck.ReferenceComparedClass(parameter) is { } type)
                    {
                        weaver.WriteWarning(Messages.ReferenceComparedKey(request.AttributeName, method, parameter, type), SourcePoints.Of(method));
                    }
                }
            }
        }
    }

    static bool IsSilenced(CacheRequest request) =>
        Says(request.Attribute) || request.Method.DeclaringType.CustomAttributes.Any(a => AttributeNames.Caching.Contains(a.AttributeType.FullName) && Says(a));

    static bool Says(Mono.Cecil.CustomAttribute attribute) =>
        attribute.Properties.Any(p => p.Name == IgnoreNondeterminism && p.Argument.Value is true);
}
