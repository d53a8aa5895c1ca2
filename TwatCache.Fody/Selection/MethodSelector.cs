using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Selection;

/// <summary>
/// Finds the methods to cache, in module order (so weaving is deterministic). Precedence: an
/// attribute on the method, then on its property (for getters), then on its class — which applies
/// to the class's public, non-abstract methods, minus those marked <c>[NoCache]</c> and those that
/// cannot be cached (<see cref="ClassLevelSkips"/>), which it lists once per class in the build log.
/// Accessors, operators and constructors are never picked up from the class.
/// </summary>
sealed class MethodSelector
{
    readonly ModuleWeaver weaver;
    readonly CacheEngine? defaultEngine;

    /// <param name="defaultEngine">FodyWeavers.xml's DefaultEngine, for [UCache] (see <see cref="EngineChoiceRule"/>).</param>
    public MethodSelector(ModuleWeaver weaver, CacheEngine? defaultEngine)
    {
        this.weaver = weaver;
        this.defaultEngine = defaultEngine;
    }

    public List<CacheRequest> Select(ModuleDefinition module)
    {
        var requests = new List<CacheRequest>();
        foreach (var type in module.GetTypes())
        {
            var classAttribute = CachingAttribute(type);
            var skipped = new List<(MethodDefinition Method, string Reason)>();
            foreach (var method in type.Methods)
            {
                var request = SelectMethod(method, classAttribute, skipped);
                if (request is not null)
                {
                    requests.Add(request);
                }
            }

            // A message, not a warning: skipping is what a class-level attribute is for, and a warning
            // would fail every build that treats warnings as errors. Shown at normal verbosity (-v:n).
            if (skipped.Count > 0)
            {
                weaver.WriteInfo(Messages.SkippedByClassAttribute(type, AttributeNames.ShortName(classAttribute!.AttributeType.FullName), skipped));
            }
        }

        return requests;
    }

    CacheRequest? SelectMethod(MethodDefinition method, CustomAttribute? classAttribute, List<(MethodDefinition, string)> skipped)
    {
        var own = CachingAttribute(method) ?? (PropertyOf(method) is { } property ? CachingAttribute(property) : null);
        var optedOut = method.HasAttribute(AttributeNames.NoCache) || PropertyOf(method)?.HasAttribute(AttributeNames.NoCache) == true;
        if (own is not null)
        {
            if (optedOut)
            {
                weaver.WriteError(Messages.BothCacheAndNoCache(method, AttributeNames.ShortName(own.AttributeType.FullName)), method);
                return null;
            }

            return Request(method, own, fromClass: false);
        }

        if (classAttribute is null || optedOut || !IsEligibleFromClass(method, classAttribute))
        {
            return null;
        }

        // Skipped by the kind the method would be woven as: [UCache] may choose a different one per method (async or not).
        var request = Request(method, classAttribute, fromClass: true);
        if (ClassLevelSkips.Reason(request.Kind, request.AttributeName, method) is { } reason)
        {
            skipped.Add((method, reason));
            return null;
        }

        return request;
    }

    CacheRequest Request(MethodDefinition method, CustomAttribute attribute, bool fromClass)
    {
        var settings = SettingsReader.Read(attribute);
        return new CacheRequest(method, attribute, settings, fromClass, EngineChoiceRule.Of(attribute, settings, method, defaultEngine));
    }

    /// <summary>
    /// The class's own public methods — for <c>[ACache]</c>, those that return <c>Task&lt;T&gt;</c> or
    /// <c>ValueTask&lt;T&gt;</c>: its other methods are not what it was put there for, so they are not listed as skipped either.
    /// </summary>
    static bool IsEligibleFromClass(MethodDefinition method, CustomAttribute classAttribute) =>
        (classAttribute.AttributeType.FullName != AttributeNames.ACache || Weaving.MethodKinds.Of(method.ReturnType) != Weaving.MethodKind.Sync)
        && method.IsPublic
        && !method.IsSpecialName
        && !method.IsAbstract
        && !method.IsConstructor
        && !method.HasAttribute("System.Runtime.CompilerServices.CompilerGeneratedAttribute");

    /// <summary>The first caching attribute on <paramref name="provider"/>; two of them are reported when validating.</summary>
    static CustomAttribute? CachingAttribute(ICustomAttributeProvider provider) =>
        provider.HasCustomAttributes ? provider.CustomAttributes.FirstOrDefault(a => AttributeNames.Caching.Contains(a.AttributeType.FullName)) : null;

    static PropertyDefinition? PropertyOf(MethodDefinition method) =>
        method.IsGetter ? method.DeclaringType.Properties.FirstOrDefault(p => p.GetMethod == method) : null;
}
