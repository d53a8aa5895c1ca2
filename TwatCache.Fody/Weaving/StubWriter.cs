using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using TwatCache.Fody.Selection;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Weaving;

/// <summary>
/// Writes the cached method's new body, which asks the site for the result:
/// <code>
/// return Holder.Site.GetOrAdd(new ValueTuple&lt;…&gt;(key args), new ValueTuple&lt;…&gt;(all args), Holder.Body);
/// return Holder.Site.GetOrAddTask(key, state, cancellationToken, Holder.Body);   // Task&lt;T&gt;, ValueTask&lt;T&gt;
/// </code>
/// For instance methods the site comes from <c>Holder.Method.For(ref this.&lt;Name&gt;k__TwatCacheSite)</c>,
/// or <c>Holder.Method.For(this)</c> for generic instance methods.
/// </summary>
static class StubWriter
{
    public static void Write(WovenReferences references, WovenMethod woven, HolderBuilder holder, FieldDefinition? instanceField)
    {
        var method = woven.Method;
        var declaringType = method.DeclaringType;
        var holderType = holder.Holder.HasGenericParameters
            ? holder.Holder.MakeGenericInstanceType(declaringType.GenericParameters.Concat(method.GenericParameters).Cast<TypeReference>().ToArray())
            : (TypeReference)holder.Holder;
        var api = woven.Api;
        var site = api.SiteType.MakeGenericInstanceType(woven.Key.Type, woven.Value);
        var cachedMethod = api.MethodType.MakeGenericInstanceType(woven.Key.Type, woven.Value);
        var il = method.Body.GetILProcessor();

        if (holder.SiteField is not null)
        {
            // Holder.Site
            il.Emit(OpCodes.Ldsfld, holder.SiteField.On(holderType));
        }
        else if (instanceField is not null)
        {
            // Holder.Method.For(ref this.<Name>k__TwatCacheSite)
            il.Emit(OpCodes.Ldsfld, holder.MethodField.On(holderType));
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldflda, instanceField.On(declaringType.SelfInstance()));
            il.Emit(OpCodes.Call, api.ForSlot!.On(cachedMethod));
        }
        else
        {
            // Holder.Method.For(this)
            il.Emit(OpCodes.Ldsfld, holder.MethodField.On(holderType));
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, api.ForInstance!.On(cachedMethod));
        }

        // new ValueTuple<…>(key arguments), arrays and lists wrapped to compare by content; a persistent
        // instance method's key starts with ((ICacheIdentity)this).CacheIdentity
        var identityOffset = woven.KeyHasIdentity ? 1 : 0;
        woven.Key.EmitConstruct(il, i =>
        {
            if (i < identityOffset)
            {
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Callvirt, references.CacheIdentityGetter);
            }
            else
            {
                EmitKeyItem(references, il, woven.KeyParameters[i - identityOffset]);
            }
        });

        // new ValueTuple<…>(this, every argument)
        var thisOffset = method.IsStatic ? 0 : 1;
        woven.State.EmitConstruct(il, i =>
        {
            if (i < thisOffset)
            {
                il.Emit(OpCodes.Ldarg_0);
            }
            else
            {
                il.Emit(OpCodes.Ldarg, method.Parameters[i - thisOffset]);
            }
        });

        // async: the caller's token, or CancellationToken.None
        if (api.PassesCancellation)
        {
            if (woven.Cancellation is not null)
            {
                il.Emit(OpCodes.Ldarg, woven.Cancellation);
            }
            else
            {
                il.Emit(OpCodes.Call, references.CancellationTokenNone);
            }
        }

        // return site.GetOrAdd(key, state, Holder.Body);   (GetOrAddTask / GetOrAddValueTask for async)
        il.Emit(OpCodes.Ldsfld, holder.BodyField.On(holderType));
        il.Emit(OpCodes.Call, api.GetOrAdd.On(site).WithTypeArguments(woven.State.Type));
        il.Emit(OpCodes.Ret);
        method.Body.OptimizeMacros();
    }

    static void EmitKeyItem(WovenReferences references, ILProcessor il, ParameterDefinition parameter)
    {
        il.Emit(OpCodes.Ldarg, parameter);
        var type = parameter.ParameterType;
        var constructor = KeyParameters.WrapOf(type) switch
        {
            KeyWrap.Array => references.ArrayKeyConstructor,
            KeyWrap.List => references.ListKeyFromList,
            KeyWrap.ReadOnlyList => references.ListKeyFromReadOnlyList,
            _ => null,
        };
        if (constructor is not null)
        {
            il.Emit(OpCodes.Newobj, constructor.On(WovenMethod.KeyItemType(references, type)));
        }
    }
}
