using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace TwatCache.Fody.Purity;

/// <summary>
/// Finds, for one cached method, the first read of each <see cref="ReadKind"/> in the code it reaches
/// (<see cref="ReachedCode"/>), as listed in <see cref="NondeterminismSources"/>.
/// </summary>
sealed class NondeterminismCheck
{
    const int HiddenLine = 0xFEEFEE;
    readonly ReachedCode reached;

    public NondeterminismCheck(ModuleDefinition module) => reached = new ReachedCode(module);

    public List<NondeterministicRead> Reads(MethodDefinition cached)
    {
        var found = new Dictionary<ReadKind, NondeterministicRead>();
        var owner = cached.IsStatic ? null : cached.DeclaringType;
        foreach (var (method, path) in reached.From(cached))
        {
            if (!method.HasBody)
            {
                continue;
            }

            foreach (var instruction in method.Body.Instructions)
            {
                if (Kind(instruction, method, owner) is { } kind && !found.ContainsKey(kind))
                {
                    var visible = path.Where(m => !IsGenerated(m)).ToList();
                    found[kind] = new NondeterministicRead(kind, NondeterminismSources.Describe(instruction.Operand), visible.LastOrDefault() ?? cached, visible, PointOf(instruction, method));
                }
            }
        }

        return found.Values.OrderBy(r => r.Kind).ToList();
    }

    static ReadKind? Kind(Instruction instruction, MethodDefinition method, TypeDefinition? owner)
    {
        switch (instruction.OpCode.Code)
        {
            case Code.Call or Code.Callvirt or Code.Newobj or Code.Ldftn or Code.Ldvirtftn:
                return NondeterminismSources.OfCall((MethodReference)instruction.Operand);
            case Code.Ldsfld or Code.Ldsflda:
                return NondeterminismSources.IsMutableStatic((FieldReference)instruction.Operand) && !NondeterminismSources.IsCounterUpdate(instruction)
                    ? ReadKind.MutableStatic
                    : null;
            case Code.Ldfld or Code.Ldflda when owner is not null:
                return NondeterminismSources.IsMutableFieldOf((FieldReference)instruction.Operand, owner) && IsThis(instruction.Previous, method, owner)
                    && !NondeterminismSources.IsCounterUpdate(instruction)
                    ? ReadKind.MutableThisField
                    : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The object whose field is read is <c>this</c>: <c>ldarg.0</c> in an instance method of the cached method's
    /// type (or its bases), or, in a state machine or closure, anything: the compiler's code reaches the instance only
    /// through the <c>this</c> it captured (<c>&lt;&gt;4__this</c>).
    /// </summary>
    static bool IsThis(Instruction? producer, MethodDefinition method, TypeDefinition owner)
    {
        if (IsGenerated(method))
        {
            return true;
        }

        return producer is { OpCode.Code: Code.Ldarg_0 } && !method.IsStatic && IsSameOrBase(method.DeclaringType, owner);
    }

    static bool IsSameOrBase(TypeDefinition candidate, TypeDefinition owner)
    {
        for (var type = owner; type is not null; type = Support.CecilExtensions.TryResolve(type.BaseType))
        {
            if (type == candidate)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Code the compiler wrote for a method: a state machine's <c>MoveNext</c>, a lambda, a local function.</summary>
    static bool IsGenerated(MethodDefinition method) =>
        method.Name.StartsWith("<", System.StringComparison.Ordinal) || method.DeclaringType.Name.StartsWith("<", System.StringComparison.Ordinal);

    /// <summary>The source line of the statement holding <paramref name="instruction"/>: the nearest visible sequence point at or before it.</summary>
    static SequencePoint? PointOf(Instruction instruction, MethodDefinition method)
    {
        var debug = method.DebugInformation;
        if (!debug.HasSequencePoints)
        {
            return null;
        }

        for (var at = instruction; at is not null; at = at.Previous)
        {
            if (debug.GetSequencePoint(at) is { } point && point.StartLine != HiddenLine)
            {
                return point;
            }
        }

        return debug.SequencePoints.FirstOrDefault(p => p.StartLine != HiddenLine);
    }
}
