using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using TwatCache.Fody.Selection;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Weaving;

/// <summary>
/// Weaves a method marked <c>[InvalidateCache]</c>: its body moves to <c>Name$body</c> (<see cref="BodyMover"/>), a
/// static <c>&lt;Name&gt;TwatCacheInvalidate</c> calls each target with the matching arguments, and the new body
/// runs the old one, then has the runtime call that method inside an invalidation scope, where each target call
/// drops its key's entry instead of running:
/// <code>
/// var result = Name$body(args);                                         // an exception skips what follows
/// Invalidation.After((this, id), new Action&lt;…&gt;(&lt;Name&gt;TwatCacheInvalidate));
/// return result;
/// return Invalidation.AfterTask(Name$body(args), (this, id), new Action&lt;…&gt;(…));   // Task, Task&lt;T&gt;, ValueTask…
///
/// static void &lt;Name&gt;TwatCacheInvalidate((Users, int) state)
/// {
///     state.Item1.Get(state.Item2, default(CancellationToken));     // a target: its key from our parameters, default for the rest
///     Cache.Clear(typeof(Users), "Search");                          // All = true
/// }
/// </code>
/// The target's own woven code builds the key, so it is exactly the key a call would use, in every engine.
/// </summary>
static class InvalidationWriter
{
    public static void Write(WovenReferences references, InvalidationApi api, InvalidationRequest request, int index)
    {
        var method = request.Method;
        var needsThis = request.Targets.Any(t => t.NeedsThis);
        var carried = request.Targets.SelectMany(t => t.Arguments).OfType<ParameterDefinition>().Distinct().OrderBy(p => p.Index).ToList();
        var items = carried.Select(p => p.ParameterType).ToList();
        if (needsThis)
        {
            items.Insert(0, method.DeclaringType);
        }

        var state = new TupleLayout(references, items);
        var invalidate = WriteInvalidate(references, api, request, state, carried, needsThis, index);
        var body = BodyMover.Move(method, references);
        WriteStub(references, api, method, body, state, carried, needsThis, invalidate);
    }

    static MethodDefinition WriteInvalidate(WovenReferences references, InvalidationApi api, InvalidationRequest request,
        TupleLayout state, List<ParameterDefinition> carried, bool needsThis, int index)
    {
        var method = request.Method;
        var invalidate = new MethodDefinition("<" + method.Name + ">TwatCacheInvalidate" + (index == 0 ? "" : (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig, references.Module.TypeSystem.Void);
        invalidate.CustomAttributes.Add(references.CompilerGenerated());
        var stateParameter = new ParameterDefinition("state", ParameterAttributes.None, state.Type);
        invalidate.Parameters.Add(stateParameter);
        method.DeclaringType.Methods.Add(invalidate);
        var il = invalidate.Body.GetILProcessor();
        var offset = needsThis ? 1 : 0;
        foreach (var target in request.Targets)
        {
            if (target.All)
            {
                // Cache.Clear(typeof(Target), "Name")
                il.Emit(OpCodes.Ldtoken, references.Import(target.Method.DeclaringType));
                il.Emit(OpCodes.Call, references.GetTypeFromHandle);
                il.Emit(OpCodes.Ldstr, target.Method.Name);
                il.Emit(OpCodes.Call, api.CacheClear);
                continue;
            }

            // state.Item1.Target(state.Item2, …, default(T)): the call, inside the runtime's invalidation scope, drops its entry
            if (!target.Method.IsStatic)
            {
                il.Emit(OpCodes.Ldarga, stateParameter);
                state.EmitLoadItemFromAddress(il, 0);
            }

            for (var i = 0; i < target.Method.Parameters.Count; i++)
            {
                var source = target.Arguments[i];
                if (source is not null)
                {
                    il.Emit(OpCodes.Ldarga, stateParameter);
                    state.EmitLoadItemFromAddress(il, carried.IndexOf(source) + offset);
                }
                else
                {
                    // Not part of the key: the call never reaches the body, so any value does.
                    var type = references.Import(target.Method.Parameters[i].ParameterType);
                    var unused = new VariableDefinition(type);
                    invalidate.Body.Variables.Add(unused);
                    il.Emit(OpCodes.Ldloca, unused);
                    il.Emit(OpCodes.Initobj, type);
                    il.Emit(OpCodes.Ldloc, unused);
                }
            }

            il.Emit(OpCodes.Call, references.Import(target.Method));
            if (target.Method.ReturnType.MetadataType != MetadataType.Void)
            {
                il.Emit(OpCodes.Pop);
            }
        }

        il.Emit(OpCodes.Ret);
        invalidate.Body.InitLocals = invalidate.Body.HasVariables;
        invalidate.Body.OptimizeMacros();
        return invalidate;
    }

    static void WriteStub(WovenReferences references, InvalidationApi api, MethodDefinition method, MethodDefinition body,
        TupleLayout state, List<ParameterDefinition> carried, bool needsThis, MethodDefinition invalidate)
    {
        var il = method.Body.GetILProcessor();

        // Name$body(this, args)
        if (!method.IsStatic)
        {
            il.Emit(OpCodes.Ldarg_0);
        }

        foreach (var parameter in method.Parameters)
        {
            il.Emit(OpCodes.Ldarg, parameter);
        }

        il.Emit(OpCodes.Call, body);

        var returnType = method.ReturnType;
        var after = AfterMethod(api, returnType);
        VariableDefinition? result = null;
        if (after is null && returnType.MetadataType != MetadataType.Void)
        {
            // Synchronous: the result waits in a local while the entries are dropped.
            result = new VariableDefinition(returnType);
            method.Body.Variables.Add(result);
            il.Emit(OpCodes.Stloc, result);
        }

        // new ValueTuple<…>(this, the carried arguments), new Action<…>(<Name>TwatCacheInvalidate): a delegate per
        // call, not one cached in a field, since an invalidating method writes data and is no hot path
        var offset = needsThis ? 1 : 0;
        state.EmitConstruct(il, i =>
        {
            if (i < offset)
            {
                il.Emit(OpCodes.Ldarg_0);
            }
            else
            {
                il.Emit(OpCodes.Ldarg, carried[i - offset]);
            }
        });
        var action = api.Action.MakeGenericInstanceType(state.Type);
        il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Ldftn, invalidate);
        il.Emit(OpCodes.Newobj, api.ActionConstructor.On(action));

        if (after is not null)
        {
            // return Invalidation.AfterTask(task, state, action): completes once the task succeeded and the entries are gone
            il.Emit(OpCodes.Call, after.Value.Method.WithTypeArguments(after.Value.Result is null ? [state.Type] : [after.Value.Result, state.Type]));
        }
        else
        {
            // Invalidation.After(state, action); return result;
            il.Emit(OpCodes.Call, api.After.WithTypeArguments(state.Type));
            if (result is not null)
            {
                il.Emit(OpCodes.Ldloc, result);
            }
        }

        il.Emit(OpCodes.Ret);
        method.Body.InitLocals = method.Body.HasVariables;
        method.Body.OptimizeMacros();
    }

    /// <summary>The runtime's continuation for an awaitable result (and its result type), or null for a synchronous method.</summary>
    static (MethodReference Method, TypeReference? Result)? AfterMethod(InvalidationApi api, TypeReference returnType) =>
        returnType.FullName switch
        {
            "System.Threading.Tasks.Task" => (api.AfterTask, null),
            "System.Threading.Tasks.ValueTask" => (api.AfterValueTask, null),
            _ => MethodKinds.Of(returnType) switch
            {
                MethodKind.Task => (api.AfterTaskOf, ((GenericInstanceType)returnType).GenericArguments[0]),
                MethodKind.ValueTask => (api.AfterValueTaskOf, ((GenericInstanceType)returnType).GenericArguments[0]),
                _ => null,
            },
        };
}
