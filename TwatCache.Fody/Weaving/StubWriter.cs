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
/// For instance methods the site comes from <c>Holder.Method.For(ref this.&lt;Name&gt;k__TwatCacheSite, this)</c>,
/// or <c>Holder.Method.For(this)</c> for generic instance methods. A static method with the default engine
/// looks up first itself and calls that body, moved to <c>Holder.Miss</c>, only on a miss (<see cref="WriteOwnLookup"/>).
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
            // Holder.Method.For(ref this.<Name>k__TwatCacheSite, this): `this` because a copy of the
            // instance (MemberwiseClone) carries the original's site in the copied field
            il.Emit(OpCodes.Ldsfld, holder.MethodField.On(holderType));
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldflda, instanceField.On(declaringType.SelfInstance()));
            il.Emit(OpCodes.Ldarg_0);
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
                EmitKeyItem(references, il, woven, i - identityOffset);
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

        if (holder.MapField is not null)
        {
            WriteOwnLookup(references, woven, holder.MapField, MoveIntoMiss(method, holder.Holder));
        }
    }

    /// <summary>
    /// Moves the body just written (the full path through the site) into a new <c>Holder.Miss</c> with the
    /// method's parameters, which the stub calls after its own lookup failed. Never inlined: its arguments
    /// to the site would otherwise be kept live, in saved registers, across the stub's hit path too.
    /// </summary>
    static MethodDefinition MoveIntoMiss(MethodDefinition method, TypeDefinition holder)
    {
        var miss = new MethodDefinition("Miss", MethodAttributes.Assembly | MethodAttributes.Static | MethodAttributes.HideBySig, method.ReturnType)
        {
            ImplAttributes = MethodImplAttributes.NoInlining,
        };
        foreach (var parameter in method.Parameters)
        {
            miss.Parameters.Add(new ParameterDefinition(parameter.Name, parameter.Attributes, parameter.ParameterType));
        }

        foreach (var instruction in method.Body.Instructions)
        {
            // Both methods are static with the same parameters: the same index, Miss's own definition.
            if (instruction.Operand is ParameterDefinition parameter)
            {
                instruction.Operand = miss.Parameters[parameter.Index];
            }

            miss.Body.Instructions.Add(instruction);
        }

        foreach (var variable in method.Body.Variables)
        {
            miss.Body.Variables.Add(variable);
        }

        method.Body.Instructions.Clear();
        method.Body.Variables.Clear();
        miss.Body.OptimizeMacros();
        holder.Methods.Add(miss);
        return miss;
    }

    /// <summary>
    /// The stub of a method whose holder keeps the engine's map (<see cref="HolderBuilder.MapField"/>):
    /// <code>
    /// if (CallScopes.State == 0 &amp;&amp; FastMap&lt;TKey, TValue&gt;.TryHit(Holder.Map, new ValueTuple&lt;…&gt;(key args), out var value)) return value;
    /// return Holder.Miss(args);
    /// </code>
    /// A hit reads two static fields (no Bypass/Refresh scope open anywhere and caching on; the map) and looks
    /// up; only the arguments are live across it. Any scope or the switch sends the call to the site, which decides.
    /// </summary>
    static void WriteOwnLookup(WovenReferences references, WovenMethod woven, FieldDefinition mapField, MethodDefinition miss)
    {
        var method = woven.Method;
        var value = new VariableDefinition(woven.Value);
        method.Body.Variables.Add(value);
        method.Body.InitLocals = true;
        var il = method.Body.GetILProcessor();
        var callMiss = method.Parameters.Select(parameter => il.Create(OpCodes.Ldarg, parameter)).Append(il.Create(OpCodes.Call, miss)).ToList();

        // if (CallScopes.State == 0 && FastMap<…>.TryHit(Holder.Map, key, out value)) return value;
        il.Emit(OpCodes.Call, references.CallScopesState);
        il.Emit(OpCodes.Brtrue, callMiss[0]);
        il.Emit(OpCodes.Ldsfld, mapField);
        woven.Key.EmitConstruct(il, i => EmitKeyItem(references, il, woven, i));
        il.Emit(OpCodes.Ldloca, value);
        il.Emit(OpCodes.Call, references.FastMapTryHit.On(references.FastMap.MakeGenericInstanceType(woven.Key.Type, woven.Value)));
        il.Emit(OpCodes.Brfalse, callMiss[0]);
        il.Emit(OpCodes.Ldloc, value);
        il.Emit(OpCodes.Ret);
        foreach (var instruction in callMiss)
        {
            il.Append(instruction);
        }

        il.Emit(OpCodes.Ret);
        method.Body.OptimizeMacros();
    }

    /// <summary>
    /// Pushes key parameter <paramref name="index"/> as the key holds it: as it is, or wrapped to compare by
    /// content (<c>new ArrayKey&lt;T&gt;(arg)</c>, <c>new ListKey&lt;T&gt;(arg)</c>) or by representation
    /// (<c>new ValueKey&lt;decimal&gt;(arg)</c>).
    /// </summary>
    static void EmitKeyItem(WovenReferences references, ILProcessor il, WovenMethod woven, int index)
    {
        il.Emit(OpCodes.Ldarg, woven.KeyParameters[index]);
        var constructor = woven.KeyWraps[index] switch
        {
            KeyWrap.Array => references.ArrayKeyConstructor,
            KeyWrap.List => references.ListKeyFromList,
            KeyWrap.ReadOnlyList => references.ListKeyFromReadOnlyList,
            KeyWrap.Exact => references.ValueKeyConstructor,
            _ => null,
        };
        if (constructor is not null)
        {
            var itemType = woven.Key.Items[index + (woven.KeyHasIdentity ? 1 : 0)];
            il.Emit(OpCodes.Newobj, constructor.On(itemType));
        }
    }
}
