using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Rocks;

namespace TwatCache.Fody.Weaving;

/// <summary>
/// The runtime members one kind of woven method calls. Synchronous results go through
/// <c>CachedMethod</c>/<c>CacheSite.GetOrAdd</c>; <c>Task&lt;T&gt;</c> and <c>ValueTask&lt;T&gt;</c> through
/// <c>AsyncCachedMethod</c>/<c>AsyncCacheSite.GetOrAddTask</c> or <c>GetOrAddValueTask</c>, whose body
/// delegate also takes the shared run's <c>CancellationToken</c>. Persistent methods ([BCache],
/// [FCache]) go through <c>PersistentCachedMethod</c>: one site per method, whose key carries the
/// identity of <c>this</c> for instance methods.
/// </summary>
sealed class SiteApi
{
    public SiteApi(ModuleDefinition module, TypeDefinition cachedMethod, TypeDefinition cacheSite, string getOrAdd, TypeDefinition bodyDelegate, bool persistent = false)
    {
        IsPersistent = persistent;
        MethodType = module.ImportReference(cachedMethod);
        SiteType = module.ImportReference(cacheSite);
        Constructor = module.ImportReference(cachedMethod.GetConstructors().Single(c => c.IsPublic));
        Site = module.ImportReference(cachedMethod.Properties.Single(p => p.Name == "Site").GetMethod);
        var forSlot = cachedMethod.Methods.SingleOrDefault(m => m.Name == "For" && m.Parameters[0].ParameterType.IsByReference);
        var forInstance = cachedMethod.Methods.SingleOrDefault(m => m.Name == "For" && !m.Parameters[0].ParameterType.IsByReference);
        ForSlot = forSlot is null ? null : module.ImportReference(forSlot);
        ForInstance = forInstance is null ? null : module.ImportReference(forInstance);
        GetOrAdd = module.ImportReference(cacheSite.Methods.Single(m => m.Name == getOrAdd));
        BodyDelegate = module.ImportReference(bodyDelegate);
        BodyDelegateConstructor = module.ImportReference(bodyDelegate.GetConstructors().Single());
    }

    /// <summary><c>CachedMethod`2</c> or <c>AsyncCachedMethod`2</c>.</summary>
    public TypeReference MethodType { get; }

    /// <summary><c>CacheSite`2</c> or <c>AsyncCacheSite`2</c>.</summary>
    public TypeReference SiteType { get; }

    /// <summary>The one public constructor, which takes a <c>CachedMethodDescriptor</c>.</summary>
    public MethodReference Constructor { get; }

    /// <summary>The <c>Site</c> getter: the one site of a static method (of every caller, for persistent methods).</summary>
    public MethodReference Site { get; }

    /// <summary>Memory sites only: the site kept in a field of the instance, <c>For(ref field, this)</c>.</summary>
    public MethodReference? ForSlot { get; }

    /// <summary>Memory sites only: the site of an instance for generic instance methods.</summary>
    public MethodReference? ForInstance { get; }

    /// <summary>One site per method, constructed with the persistent settings; instance identity goes in the key.</summary>
    public bool IsPersistent { get; }

    public MethodReference GetOrAdd { get; }

    /// <summary><c>Func&lt;TState, TValue&gt;</c>, or <c>Func&lt;TState, CancellationToken, Task&lt;T&gt;&gt;</c> for async methods.</summary>
    public TypeReference BodyDelegate { get; }

    public MethodReference BodyDelegateConstructor { get; }

    /// <summary>Async sites take the caller's token and hand the body the shared run's token.</summary>
    public bool PassesCancellation => BodyDelegate.GenericParameters.Count == 3;
}
