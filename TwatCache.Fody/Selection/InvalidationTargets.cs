using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Selection;

/// <summary>One <c>[InvalidateCache]</c> resolved: the cached method it names, and what each of its parameters gets.</summary>
sealed class InvalidationTarget
{
    public InvalidationTarget(MethodDefinition method, bool all, ParameterDefinition?[] arguments)
    {
        Method = method;
        All = all;
        Arguments = arguments;
    }

    /// <summary>The cached method (for <see cref="All"/>, any overload of the name: all of them are cleared).</summary>
    public MethodDefinition Method { get; }

    /// <summary>Drop every entry of every overload of the name (<c>Cache.Clear(type, name)</c>).</summary>
    public bool All { get; }

    /// <summary>Per parameter of the target: the invalidating method's parameter its key takes, or null (not a key: default).</summary>
    public ParameterDefinition?[] Arguments { get; }

    /// <summary>An instance target takes <c>this</c> from the invalidating method.</summary>
    public bool NeedsThis => !All && !Method.IsStatic;
}

/// <summary>A method marked <c>[InvalidateCache]</c> and its resolved targets, in attribute order.</summary>
sealed class InvalidationRequest
{
    public InvalidationRequest(MethodDefinition method, IReadOnlyList<InvalidationTarget> targets)
    {
        Method = method;
        Targets = targets;
    }

    public MethodDefinition Method { get; }

    public IReadOnlyList<InvalidationTarget> Targets { get; }
}

/// <summary>
/// Finds the methods marked <c>[InvalidateCache]</c> and resolves each attribute to a cached method of this module,
/// reporting every misuse as a build error at the invalidating method. The target is the one cached overload of the
/// name whose key parameters (<see cref="KeyParameters.IsKey"/>) all have a parameter of the same name and type on the
/// invalidating method; <c>All = true</c> needs none and drops every overload. A target whose own caching is invalid
/// is skipped without a second error (its own is reported).
/// </summary>
static class InvalidationTargets
{
    public const string AttributeName = "TwatCache.InvalidateCacheAttribute";

    public static List<InvalidationRequest> Select(ModuleWeaver weaver, ModuleDefinition module, IReadOnlyList<CacheRequest> requests, IReadOnlyCollection<CacheRequest> valid)
    {
        var cached = requests.ToDictionary(r => r.Method);
        var woven = new HashSet<MethodDefinition>(valid.Select(r => r.Method));
        var selected = new List<InvalidationRequest>();
        foreach (var method in module.GetTypes().SelectMany(t => t.Methods))
        {
            var attributes = method.HasCustomAttributes ? method.CustomAttributes.Where(a => a.AttributeType.FullName == AttributeName).ToList() : [];
            if (attributes.Count == 0)
            {
                continue;
            }

            var problem = MethodProblem(method, cached);
            if (problem is not null)
            {
                weaver.WriteError(problem, SourcePoints.Of(method));
                continue;
            }

            var targets = new List<InvalidationTarget>();
            var failed = false;
            foreach (var attribute in attributes)
            {
                var target = Resolve(method, attribute, cached, out problem);
                if (problem is not null)
                {
                    weaver.WriteError(problem, SourcePoints.Of(method));
                    failed = true;
                }
                else if (target is not null && (target.All || woven.Contains(target.Method)))
                {
                    targets.Add(target);
                }
                else
                {
                    failed = true;
                }
            }

            if (!failed)
            {
                selected.Add(new InvalidationRequest(method, targets));
            }
        }

        return selected;
    }

    static string? MethodProblem(MethodDefinition method, Dictionary<MethodDefinition, CacheRequest> cached)
    {
        if (cached.TryGetValue(method, out var request))
        {
            return Messages.InvalidatingMethodCached(method, request.AttributeName) + Messages.FromClassHint(request.FromClass);
        }

        if (!method.HasBody)
        {
            return Messages.InvalidatingMethodWithoutBody(method);
        }

        if (method.HasGenericParameters || method.DeclaringType.HasGenericParameters)
        {
            return Messages.InvalidatingMethodGeneric(method);
        }

        if (method.HasAttribute("System.Runtime.CompilerServices.IteratorStateMachineAttribute")
            || method.HasAttribute("System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute"))
        {
            return Messages.InvalidatingIterator(method);
        }

        return method.ReturnType.MetadataType == MetadataType.Void && method.HasAttribute("System.Runtime.CompilerServices.AsyncStateMachineAttribute")
            ? Messages.InvalidatingAsyncVoid(method)
            : null;
    }

    static InvalidationTarget? Resolve(MethodDefinition method, CustomAttribute attribute, Dictionary<MethodDefinition, CacheRequest> cached, out string? problem)
    {
        var arguments = attribute.ConstructorArguments;
        var typeReference = arguments.Count == 2 ? (TypeReference)arguments[0].Value : method.DeclaringType;
        var name = (string)arguments[arguments.Count - 1].Value;
        var all = attribute.Properties.Any(p => p.Name == "All" && (bool)p.Argument.Value);
        var type = typeReference.TryResolve();
        if (type is null || type.Module != method.Module)
        {
            problem = Messages.InvalidationTargetElsewhere(method, typeReference, name);
            return null;
        }

        var named = type.Methods.Where(m => m.Name == name).ToList();
        var candidates = named.Where(cached.ContainsKey).ToList();
        problem = named.Count == 0 ? Messages.InvalidationTargetNotFound(method, type, name)
            : candidates.Count == 0 ? Messages.InvalidationTargetNotCached(method, named)
            : null;
        if (problem is not null)
        {
            return null;
        }

        if (all)
        {
            return new InvalidationTarget(candidates[0], all: true, []);
        }

        var matching = candidates.Where(c => KeyParameters(c).All(p => Match(method, p) is not null)).ToList();
        if (matching.Count != 1)
        {
            problem = matching.Count > 1 ? Messages.InvalidationTargetAmbiguous(method, matching)
                : candidates.Count > 1 ? Messages.InvalidationNoOverloadMatches(method, candidates)
                : Messages.InvalidationKeyParameterUnmatched(method, candidates[0], KeyParameters(candidates[0]).First(p => Match(method, p) is null));
            return null;
        }

        var target = matching[0];
        problem = TargetProblem(method, target);
        return problem is null
            ? new InvalidationTarget(target, all: false, target.Parameters.Select(p => Selection.KeyParameters.IsKey(p) ? Match(method, p) : null).ToArray())
            : null;
    }

    static string? TargetProblem(MethodDefinition method, MethodDefinition target)
    {
        if (target.HasGenericParameters || target.DeclaringType.HasGenericParameters)
        {
            return Messages.InvalidationTargetGeneric(method, target);
        }

        if (!target.IsStatic && (method.IsStatic || !DerivesFrom(method.DeclaringType, target.DeclaringType)))
        {
            return Messages.InvalidationWithoutInstance(method, target);
        }

        return IsAccessible(target, method.DeclaringType) ? null : Messages.InvalidationTargetNotAccessible(method, target);
    }

    static IEnumerable<ParameterDefinition> KeyParameters(MethodDefinition method) => method.Parameters.Where(Selection.KeyParameters.IsKey);

    /// <summary>The invalidating method's parameter of the same name and type as <paramref name="key"/>, if any.</summary>
    static ParameterDefinition? Match(MethodDefinition method, ParameterDefinition key) =>
        method.Parameters.FirstOrDefault(p => p.Name == key.Name && p.ParameterType.FullName == key.ParameterType.FullName);

    static bool DerivesFrom(TypeDefinition? type, TypeDefinition baseType)
    {
        for (; type is not null; type = type.BaseType.TryResolve())
        {
            if (type == baseType)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether woven code in <paramref name="from"/> may call <paramref name="target"/> (same module; nested type visibility aside).</summary>
    static bool IsAccessible(MethodDefinition target, TypeDefinition from) =>
        target.DeclaringType == from || IsNestedIn(from, target.DeclaringType)
        || target.IsPublic || target.IsAssembly || target.IsFamilyOrAssembly
        || ((target.IsFamily || target.IsFamilyAndAssembly) && DerivesFrom(from, target.DeclaringType));

    static bool IsNestedIn(TypeDefinition? type, TypeDefinition outer)
    {
        for (; type is not null; type = type.DeclaringType)
        {
            if (type == outer)
            {
                return true;
            }
        }

        return false;
    }
}
