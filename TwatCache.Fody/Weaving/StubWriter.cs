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
        var site = references.CacheSite.MakeGenericInstanceType(woven.Key.Type, woven.Value);
        var cachedMethod = references.CachedMethod.MakeGenericInstanceType(woven.Key.Type, woven.Value);
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
            il.Emit(OpCodes.Call, references.CachedMethodForSlot.On(cachedMethod));
        }
        else
        {
            // Holder.Method.For(this)
            il.Emit(OpCodes.Ldsfld, holder.MethodField.On(holderType));
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, references.CachedMethodForInstance.On(cachedMethod));
        }

        // new ValueTuple<…>(key arguments), arrays and lists wrapped to compare by content
        woven.Key.EmitConstruct(il, i => EmitKeyItem(references, il, woven.KeyParameters[i]));

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

        // return site.GetOrAdd(key, state, Holder.Body);
        il.Emit(OpCodes.Ldsfld, holder.BodyField.On(holderType));
        il.Emit(OpCodes.Call, references.GetOrAdd.On(site).WithTypeArguments(woven.State.Type));
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
