using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using TwatCache.Fody.Selection;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Weaving;

/// <summary>
/// Emits the descriptor of one woven method, leaving it on the stack for its method's constructor: the four
/// required arguments, then only the settings that are not default, in a fixed order, as an object
/// initializer (which is how the woven code decompiles).
/// </summary>
static class DescriptorWriter
{
    /// <summary>
    /// <code>
    /// new CachedMethodDescriptor(typeof(Declaring), "Name", "Name(int)", CacheKind.MCache) { MaxSize = 100, Ttl = 30.0, Policy = EvictionPolicy.Lfu, Backend = … }
    ///   // a generic method's "Name&lt;T&gt;(T)" is DisplayName.Closed("Name&lt;T&gt;(T)", typeof(Holder&lt;T&gt;)) instead
    /// new CachedMethodDescriptor(…, CacheKind.BCache) { MethodIdentity = "Ns.Declaring::Name(System.Int32)", IlHash = "…",
    ///     Version = "…", Folder = "…", MaxSize = …, Ttl = …, Choice = EngineChoice.FolderGiven, Engine = CacheEngine.Redis, Compress = true, Instantiation = typeof(Holder&lt;T&gt;) }
    ///   // SkipWhen = new Func&lt;TValue, bool&gt;(Declaring.IsEmpty) for either, after the other settings
    /// </code>
    /// </summary>
    /// <param name="declaringType">The declaring type as the holder sees it (its generic parameters are the holder's).</param>
    /// <param name="holder">The holder class, closed over its own generic parameters.</param>
    /// <param name="value">What the cache stores (the awaited result for async methods) as the holder sees it.</param>
    public static void Emit(ILProcessor il, WovenReferences references, WovenMethod woven, TypeReference declaringType, TypeReference holder, TypeReference value)
    {
        var method = woven.Method;
        var settings = woven.Request.Settings;
        var descriptor = references.Descriptor;

        il.Emit(OpCodes.Ldtoken, declaringType);
        il.Emit(OpCodes.Call, references.GetTypeFromHandle);
        il.Emit(OpCodes.Ldstr, method.Name);
        il.Emit(OpCodes.Ldstr, DisplayNames.Method(method));
        if (method.HasGenericParameters)
        {
            // DisplayName.Closed("Parse<T>(string)", typeof(Holder<…>)): each instantiation's Stats() row names its type arguments.
            il.Emit(OpCodes.Ldtoken, holder);
            il.Emit(OpCodes.Call, references.GetTypeFromHandle);
            il.Emit(OpCodes.Call, references.DisplayNameClosed);
        }

        il.Emit(OpCodes.Ldc_I4, (int)woven.Request.Kind);
        il.Emit(OpCodes.Newobj, descriptor.Constructor);

        if (woven.Api.IsPersistent)
        {
            Set(il, descriptor, "MethodIdentity", OpCodes.Ldstr, MethodIdentity.Of(method));
            Set(il, descriptor, "IlHash", OpCodes.Ldstr, woven.IlHash!);
            if (settings.Version is { Length: > 0 } version)
            {
                Set(il, descriptor, "Version", OpCodes.Ldstr, version);
            }

            if (settings.Folder is { Length: > 0 } folder)
            {
                Set(il, descriptor, "Folder", OpCodes.Ldstr, folder);
            }
        }

        if (settings.MaxSize is { } maxSize and not 0)
        {
            Set(il, descriptor, "MaxSize", OpCodes.Ldc_I4, maxSize);
        }

        if (settings.Ttl is { } ttl and not 0d)
        {
            Set(il, descriptor, "Ttl", OpCodes.Ldc_R8, ttl);
        }

        if (settings.FailSafe is { } failSafe and not 0d)
        {
            Set(il, descriptor, "FailSafe", OpCodes.Ldc_R8, failSafe);
        }

        if (settings.PolicyOrDefault != EvictionPolicy.Lru)
        {
            Set(il, descriptor, "Policy", OpCodes.Ldc_I4, (int)settings.PolicyOrDefault);
        }

        if (settings.BackendOrDefault != MemoryBackend.Fast)
        {
            Set(il, descriptor, "Backend", OpCodes.Ldc_I4, (int)settings.BackendOrDefault);
        }

        if (woven.Request.Choice != EngineChoice.Attribute)
        {
            // [UCache]: which kind it chose (above) and why, for Cache.Stats().
            Set(il, descriptor, "Choice", OpCodes.Ldc_I4, (int)woven.Request.Choice);
        }

        if (woven.Request.Engine is { } engine)
        {
            // Engine = CacheEngine.Redis or Distributed: the persistent site opens that shared tier rather than SQLite.
            // Only they get here, so the descriptors (and snapshots) of every other method stay as they were.
            var setter = descriptor.Setter("Engine");
            var nullable = (GenericInstanceType)setter.Parameters[0].ParameterType;
            // Nullable<T>..ctor(T value), on Nullable<CacheEngine>.
            var constructor = references.Import(nullable.ElementType.Resolve().GetConstructors().Single(c => c.Parameters.Count == 1));
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Ldc_I4, (int)engine);
            il.Emit(OpCodes.Newobj, constructor.On(nullable));
            il.Emit(OpCodes.Callvirt, setter);
        }

        if (woven.Api.IsPersistent && settings.Compress)
        {
            Set(il, descriptor, "Compress", OpCodes.Ldc_I4, 1);
        }

        if (SkipWhenCheck.Predicate(woven.Request) is { } predicate)
        {
            // SkipWhen = new Func<TValue, bool>(Declaring.IsEmpty): bound directly, no reflection at run time. The
            // predicate may take a base type of TValue; the runtime binds such a method to the delegate as it is.
            var type = references.Func2.MakeGenericInstanceType(value, references.Module.TypeSystem.Boolean);
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Ldnull);
            il.Emit(OpCodes.Ldftn, declaringType is GenericInstanceType ? references.Import(predicate).On(declaringType) : references.Import(predicate));
            il.Emit(OpCodes.Newobj, references.Func2Constructor.On(type));
            il.Emit(OpCodes.Callvirt, descriptor.Setter("SkipWhen"));
        }

        if (woven.Api.IsPersistent && method.HasGenericParameters)
        {
            // typeof(Holder<…>): its type arguments after the declaring type's are the method's own, which its keys tell apart.
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Ldtoken, holder);
            il.Emit(OpCodes.Call, references.GetTypeFromHandle);
            il.Emit(OpCodes.Callvirt, descriptor.Setter("Instantiation"));
        }
    }

    // dup; <value>; callvirt set_X — the descriptor stays on the stack for the next setting.
    static void Set(ILProcessor il, DescriptorApi descriptor, string setting, OpCode load, string value)
    {
        il.Emit(OpCodes.Dup);
        il.Emit(load, value);
        il.Emit(OpCodes.Callvirt, descriptor.Setter(setting));
    }

    static void Set(ILProcessor il, DescriptorApi descriptor, string setting, OpCode load, int value)
    {
        il.Emit(OpCodes.Dup);
        il.Emit(load, value);
        il.Emit(OpCodes.Callvirt, descriptor.Setter(setting));
    }

    static void Set(ILProcessor il, DescriptorApi descriptor, string setting, OpCode load, double value)
    {
        il.Emit(OpCodes.Dup);
        il.Emit(load, value);
        il.Emit(OpCodes.Callvirt, descriptor.Setter(setting));
    }
}
