using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace TwatCache.Fody.Hashing;

/// <summary>
/// Fingerprints what a persistent method computes, so a changed method never serves results of its
/// older self: SHA-256 over the IL of the method and of every method of the same assembly it reaches
/// (called, referenced as a delegate, or a compiler-generated state machine or closure it uses; every
/// implementation or override a call through an interface or virtual method may dispatch to; the
/// virtual methods of objects it creates; the static constructor of a type whose static field it
/// uses), transitively, plus the shape of its result type. Metadata tokens are written as names, so an
/// unrelated change elsewhere in the assembly leaves the hash alone. Taken before anything is woven.
/// </summary>
sealed class IlHasher
{
    readonly ModuleDefinition module;
    readonly DispatchTargets dispatch;

    public IlHasher(ModuleDefinition module)
    {
        this.module = module;
        dispatch = new DispatchTargets(module);
    }

    /// <param name="method">The method to fingerprint.</param>
    /// <param name="resultType">What the cache stores (for async methods, the awaited type).</param>
    /// <param name="skipWhen">The method's SkipWhen predicate, if any: it decides which results are stored, so an edit to it
    /// must not serve entries it would now reject. No predicate, no change to the hash of a method without one.</param>
    public string Hash(MethodDefinition method, TypeReference resultType, MethodDefinition? skipWhen = null)
    {
        var text = new StringBuilder();
        var visited = new HashSet<MethodDefinition>();
        var pending = new Queue<MethodDefinition>();
        pending.Enqueue(method);
        if (skipWhen is not null)
        {
            pending.Enqueue(skipWhen);
        }

        while (pending.Count > 0)
        {
            var next = pending.Dequeue();
            if (visited.Add(next))
            {
                new MethodText(text, this).Append(next, pending);
                foreach (var callback in dispatch.Callbacks(next))
                {
                    pending.Enqueue(callback);
                }
            }
        }

        text.Append("result ");
        new TypeShape(module).Append(text, resultType);
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
        return string.Concat(hash.Select(b => b.ToString("x2")));
    }

    /// <summary>The definition behind a reference, when it belongs to this module; null for other assemblies.</summary>
    internal MethodDefinition? LocalMethod(MethodReference reference)
    {
        var element = reference.GetElementMethod();
        if (element is MethodDefinition definition)
        {
            return definition.Module == module ? definition : null;
        }

        return element.DeclaringType.GetElementType().Scope == module ? element.Resolve() : null;
    }

    /// <summary>A compiler-generated type of this module (state machine, closure): its methods are part of the code.</summary>
    internal TypeDefinition? LocalGeneratedType(TypeReference reference)
    {
        var element = reference.GetElementType();
        if (element is GenericParameter || element.Scope != module)
        {
            return null;
        }

        var definition = element.Resolve();
        return definition?.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.CompilerGeneratedAttribute") == true
            ? definition
            : null;
    }

    /// <summary>One method as text: signature, locals, instructions with resolved operands, exception handlers.</summary>
    sealed class MethodText(StringBuilder text, IlHasher hasher)
    {
        public void Append(MethodDefinition method, Queue<MethodDefinition> pending)
        {
            text.Append("method ").Append(method.FullName).Append('\n');
            if (!method.HasBody)
            {
                return;
            }

            var body = method.Body;
            var index = new Dictionary<Instruction, int>();
            for (var i = 0; i < body.Instructions.Count; i++)
            {
                index[body.Instructions[i]] = i;
            }

            foreach (var variable in body.Variables)
            {
                text.Append("local ").Append(variable.VariableType.FullName).Append('\n');
                Follow(variable.VariableType, pending);
            }

            foreach (var instruction in body.Instructions)
            {
                text.Append(index[instruction]).Append(' ').Append(instruction.OpCode.Name);
                AppendOperand(instruction.Operand, index, pending);
                text.Append('\n');
                if (instruction.Operand is FieldReference field && IsStaticAccess(instruction.OpCode)
                    && hasher.dispatch.StaticConstructor(field) is { } initializer)
                {
                    pending.Enqueue(initializer);
                }
            }

            foreach (var handler in body.ExceptionHandlers)
            {
                text.Append("handler ").Append(handler.HandlerType)
                    .Append(' ').Append(At(handler.TryStart, index)).Append(' ').Append(At(handler.TryEnd, index))
                    .Append(' ').Append(At(handler.HandlerStart, index)).Append(' ').Append(At(handler.HandlerEnd, index))
                    .Append(' ').Append(At(handler.FilterStart, index)).Append(' ').Append(handler.CatchType?.FullName).Append('\n');
            }
        }

        void AppendOperand(object? operand, Dictionary<Instruction, int> index, Queue<MethodDefinition> pending)
        {
            text.Append(' ');
            switch (operand)
            {
                case null:
                    break;
                case Instruction target:
                    text.Append(At(target, index));
                    break;
                case Instruction[] targets:
                    text.Append(string.Join(",", targets.Select(t => At(t, index))));
                    break;
                case VariableDefinition variable:
                    text.Append('V').Append(variable.Index);
                    break;
                case ParameterDefinition parameter:
                    text.Append('A').Append(parameter.Index);
                    break;
                case MethodReference method:
                    text.Append(method.FullName);
                    Follow(method, pending);
                    break;
                case FieldReference field:
                    text.Append(field.FullName);
                    Follow(field.DeclaringType, pending);
                    break;
                case TypeReference type:
                    text.Append(type.FullName);
                    Follow(type, pending);
                    break;
                case CallSite callSite:
                    text.Append(callSite.FullName);
                    break;
                case string value:
                    // Length first: no string can be confused with another followed by more operands.
                    text.Append(value.Length).Append(':').Append(value);
                    break;
                case IFormattable number:
                    text.Append(number.ToString(number is float or double ? "R" : null, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(operand);
                    break;
            }
        }

        void Follow(MethodReference method, Queue<MethodDefinition> pending)
        {
            if (hasher.LocalMethod(method) is { } local)
            {
                pending.Enqueue(local);
            }

            // A call through an interface or a virtual method runs whichever implementation the
            // object has; every one of this module may be it (callvirt, constrained., ldvirtftn, ldftn).
            foreach (var implementation in hasher.dispatch.Implementations(method))
            {
                pending.Enqueue(implementation);
            }

            Follow(method.DeclaringType, pending);
            if (method is GenericInstanceMethod instance)
            {
                foreach (var argument in instance.GenericArguments)
                {
                    Follow(argument, pending);
                }
            }
        }

        void Follow(TypeReference type, Queue<MethodDefinition> pending)
        {
            if (hasher.LocalGeneratedType(type) is { } generated)
            {
                foreach (var method in generated.Methods)
                {
                    pending.Enqueue(method);
                }
            }

            if (type is GenericInstanceType instance)
            {
                foreach (var argument in instance.GenericArguments)
                {
                    Follow(argument, pending);
                }
            }
        }

        /// <summary>Reading or writing a static field runs its type's static constructor first, field initializers included.</summary>
        static bool IsStaticAccess(OpCode opCode) =>
            opCode.Code is Code.Ldsfld or Code.Ldsflda or Code.Stsfld;

        static string At(Instruction? instruction, Dictionary<Instruction, int> index) =>
            instruction is null ? "-" : "@" + index[instruction];
    }
}
