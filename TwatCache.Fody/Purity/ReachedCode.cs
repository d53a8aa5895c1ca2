using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using TwatCache.Fody.Hashing;

namespace TwatCache.Fody.Purity;

/// <summary>
/// The code a cached body runs within its own assembly, for <see cref="NondeterminismCheck"/>: the body,
/// every method of the module it calls or takes as a delegate, the implementations a call through an interface
/// or virtual method of the module may dispatch to (<see cref="DispatchTargets"/>), and the state machine of any
/// async method among them — breadth first, each method once, in instruction order, so the same module reports
/// the same first read. Narrower than the IL hash on purpose: no static constructors (they run once, whatever the
/// key), no callbacks of created objects and no overrides of other assemblies' virtual methods (every
/// <c>ToString</c> of the module for one <c>sb.ToString()</c>), and no getter of a property the body only counts
/// with (<c>Runs++</c>), so a warning names code the body really calls.
/// </summary>
sealed class ReachedCode
{
    readonly ModuleDefinition module;
    readonly DispatchTargets dispatch;

    public ReachedCode(ModuleDefinition module)
    {
        this.module = module;
        dispatch = new DispatchTargets(module);
    }

    /// <summary>Every reached method with the calls that lead to it from <paramref name="root"/> (empty for the root itself).</summary>
    public IEnumerable<(MethodDefinition Method, IReadOnlyList<MethodDefinition> Path)> From(MethodDefinition root)
    {
        var cameFrom = new Dictionary<MethodDefinition, MethodDefinition?> { [root] = null };
        var pending = new Queue<MethodDefinition>();
        pending.Enqueue(root);
        while (pending.Count > 0)
        {
            var method = pending.Dequeue();
            yield return (method, PathTo(method, cameFrom));
            foreach (var next in Callees(method))
            {
                if (!cameFrom.ContainsKey(next))
                {
                    cameFrom[next] = method;
                    pending.Enqueue(next);
                }
            }
        }
    }

    IEnumerable<MethodDefinition> Callees(MethodDefinition method)
    {
        if (StateMachine(method) is { } moveNext)
        {
            yield return moveNext;
        }

        if (!method.HasBody)
        {
            yield break;
        }

        foreach (var instruction in method.Body.Instructions)
        {
            // A counter's getter (`Runs++` on an auto-property) reads what only goes back into the counter.
            if (instruction.Operand is not MethodReference called || NondeterminismSources.IsCounterUpdate(instruction))
            {
                continue;
            }

            if (Local(called) is { } local)
            {
                yield return local;
            }

            if (called.DeclaringType.GetElementType().Scope == module)
            {
                foreach (var implementation in dispatch.Implementations(called))
                {
                    yield return implementation;
                }
            }
        }
    }

    /// <summary>The <c>MoveNext</c> of an async method's or iterator's state machine, where its code lives.</summary>
    static MethodDefinition? StateMachine(MethodDefinition method) =>
        (method.CustomAttributes.FirstOrDefault(a => a.AttributeType.Name.EndsWith("StateMachineAttribute", System.StringComparison.Ordinal)
            && a.ConstructorArguments.Count == 1)?.ConstructorArguments[0].Value as TypeReference)?
            .Resolve()?.Methods.FirstOrDefault(m => m.Name == "MoveNext");

    MethodDefinition? Local(MethodReference reference)
    {
        var element = reference.GetElementMethod();
        if (element is MethodDefinition definition)
        {
            return definition.Module == module ? definition : null;
        }

        return element.DeclaringType.GetElementType().Scope == module ? element.Resolve() : null;
    }

    static IReadOnlyList<MethodDefinition> PathTo(MethodDefinition method, Dictionary<MethodDefinition, MethodDefinition?> cameFrom)
    {
        var path = new List<MethodDefinition>();
        for (var step = method; cameFrom[step] is { } caller; step = caller)
        {
            path.Add(step);
        }

        path.Reverse();
        return path;
    }
}
