using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Selection;

/// <summary>
/// Finds the methods to cache, in module order (so weaving is deterministic). Precedence: an
/// attribute on the method, then on its property (for getters), then on its class — which applies
/// to the class's public, non-abstract methods that return a value, minus those marked
/// <c>[NoCache]</c>. Accessors, operators and constructors are never picked up from the class.
/// </summary>
sealed class MethodSelector
{
    readonly ModuleWeaver weaver;

    public MethodSelector(ModuleWeaver weaver) => this.weaver = weaver;

    public List<CacheRequest> Select(ModuleDefinition module)
    {
        var requests = new List<CacheRequest>();
        foreach (var type in module.GetTypes())
        {
            var classAttribute = CachingAttribute(type);
            foreach (var method in type.Methods)
            {
                var request = SelectMethod(method, classAttribute);
                if (request is not null)
                {
                    requests.Add(request);
                }
            }
        }

        return requests;
    }

    CacheRequest? SelectMethod(MethodDefinition method, CustomAttribute? classAttribute)
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

            return new CacheRequest(method, own, SettingsReader.Read(own), fromClass: false);
        }

        if (classAttribute is null || optedOut || !IsEligibleFromClass(method, classAttribute))
        {
            return null;
        }

        return new CacheRequest(method, classAttribute, SettingsReader.Read(classAttribute), fromClass: true);
    }

    /// <summary>
    /// The class's public methods that return a value — for <c>[ACache]</c>, that return <c>Task&lt;T&gt;</c>
    /// or <c>ValueTask&lt;T&gt;</c>: its synchronous methods are not what it was put there for.
    /// </summary>
    static bool IsEligibleFromClass(MethodDefinition method, CustomAttribute classAttribute) =>
        (classAttribute.AttributeType.FullName != AttributeNames.ACache || Weaving.MethodKinds.Of(method.ReturnType) != Weaving.MethodKind.Sync)
        && method.IsPublic
        && !method.IsSpecialName
        && !method.IsAbstract
        && !method.IsConstructor
        && method.ReturnType.MetadataType != MetadataType.Void
        && !method.HasAttribute("System.Runtime.CompilerServices.CompilerGeneratedAttribute");

    /// <summary>The first caching attribute on <paramref name="provider"/>; two of them are reported when validating.</summary>
    static CustomAttribute? CachingAttribute(ICustomAttributeProvider provider) =>
        provider.HasCustomAttributes ? provider.CustomAttributes.FirstOrDefault(a => AttributeNames.Caching.Contains(a.AttributeType.FullName)) : null;

    static PropertyDefinition? PropertyOf(MethodDefinition method) =>
        method.IsGetter ? method.DeclaringType.Properties.FirstOrDefault(p => p.GetMethod == method) : null;
}
