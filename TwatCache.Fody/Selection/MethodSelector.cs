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
            var classAttribute = type.FindAttribute(AttributeNames.MCache);
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
        var own = method.FindAttribute(AttributeNames.MCache) ?? PropertyOf(method)?.FindAttribute(AttributeNames.MCache);
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

        if (classAttribute is null || optedOut || !IsEligibleFromClass(method))
        {
            return null;
        }

        return new CacheRequest(method, classAttribute, SettingsReader.Read(classAttribute), fromClass: true);
    }

    static bool IsEligibleFromClass(MethodDefinition method) =>
        method.IsPublic
        && !method.IsSpecialName
        && !method.IsAbstract
        && !method.IsConstructor
        && method.ReturnType.MetadataType != MetadataType.Void
        && !method.HasAttribute("System.Runtime.CompilerServices.CompilerGeneratedAttribute");

    static PropertyDefinition? PropertyOf(MethodDefinition method) =>
        method.IsGetter ? method.DeclaringType.Properties.FirstOrDefault(p => p.GetMethod == method) : null;
}
