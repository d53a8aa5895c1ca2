using System.Collections.Generic;
using System.Linq;
using Fody;
using Mono.Cecil;
using Mono.Cecil.Rocks;

namespace TwatCache.Fody.Weaving;

/// <summary>
/// The runtime's <c>CachedMethodDescriptor</c>: its constructor (type, name, display name, kind) and the
/// setters of its public settings, which the holder's static constructor calls for what is not default.
/// </summary>
sealed class DescriptorApi
{
    public const string TypeName = "TwatCache.Sites.CachedMethodDescriptor";

    readonly Dictionary<string, MethodReference> setters;

    public DescriptorApi(ModuleDefinition module, TypeDefinition descriptor)
    {
        Constructor = module.ImportReference(descriptor.GetConstructors().Single(c => c.IsPublic));
        setters = descriptor.Properties
            .Where(p => p.SetMethod is { IsPublic: true })
            .ToDictionary(p => p.Name, p => module.ImportReference(p.SetMethod));
    }

    /// <summary><c>new CachedMethodDescriptor(Type declaringType, string methodName, string displayName, CacheKind kind)</c>.</summary>
    public MethodReference Constructor { get; }

    /// <summary>The setter of the public setting <paramref name="name"/>, e.g. <c>MaxSize</c>.</summary>
    public MethodReference Setter(string name) =>
        setters.TryGetValue(name, out var setter)
            ? setter
            : throw new WeavingException($"{TypeName} in {WovenReferences.RuntimeAssemblyName} has no settable {name}: the TwatCache.Runtime package and the weaver must be the same version.");
}
