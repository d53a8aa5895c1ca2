using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Weaving;

/// <summary>
/// Moves a method's original body, untouched, into a new private method <c>Name$body</c> beside it:
/// instructions, locals, exception handlers, generic parameters and debug information (sequence
/// points, scopes), so exceptions, stepping and stack traces of the user's code stay intact.
/// The original method is left with an empty body for the stub.
/// </summary>
static class BodyMover
{
    /// <summary>Attributes that describe the body's code, not the method's contract: they move with it.</summary>
    static readonly string[] BodyAttributes =
    [
        "System.Runtime.CompilerServices.AsyncStateMachineAttribute",
        "System.Diagnostics.DebuggerStepThroughAttribute",
    ];

    public static MethodDefinition Move(MethodDefinition method, WovenReferences references)
    {
        var target = new MethodDefinition(method.Name + "$body", Attributes(method), method.ReturnType);
        // Constraints refer to !!n by position, which is the same on the copy.
        GenericParameterCopier.Copy(method.GenericParameters, target, constraint => constraint);

        foreach (var parameter in method.Parameters)
        {
            target.Parameters.Add(new ParameterDefinition(parameter.Name, ParameterAttributes.None, parameter.ParameterType));
        }

        foreach (var attribute in method.CustomAttributes.Where(a => BodyAttributes.Contains(a.AttributeType.FullName)).ToList())
        {
            method.CustomAttributes.Remove(attribute);
            target.CustomAttributes.Add(attribute);
        }

        target.CustomAttributes.Add(references.CompilerGenerated());

        // Added first: the new method's `this` parameter is typed by its declaring type.
        method.DeclaringType.Methods.Add(target);
        MoveInstructions(method, target);
        MoveDebugInformation(method, target);
        RepointStateMachine(target);
        return target;
    }

    /// <summary>
    /// An async body starts a state machine whose debug information names its kick-off method;
    /// the debugger maps the state machine's steps back to that method, which is now the moved body.
    /// </summary>
    static void RepointStateMachine(MethodDefinition target)
    {
        var stateMachine = target.CustomAttributes
            .FirstOrDefault(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.AsyncStateMachineAttribute")?
            .ConstructorArguments[0].Value as TypeReference;
        var moveNext = stateMachine?.Resolve()?.Methods.FirstOrDefault(m => m.Name == "MoveNext");
        if (moveNext is not null && moveNext.DebugInformation.StateMachineKickOffMethod is not null)
        {
            moveNext.DebugInformation.StateMachineKickOffMethod = target;
        }
    }

    static MethodAttributes Attributes(MethodDefinition method) =>
        MethodAttributes.Private | MethodAttributes.HideBySig | (method.IsStatic ? MethodAttributes.Static : 0);

    static void MoveInstructions(MethodDefinition method, MethodDefinition target)
    {
        var source = method.Body;
        source.SimplifyMacros();
        var body = target.Body;
        body.InitLocals = source.InitLocals;
        foreach (var variable in source.Variables)
        {
            body.Variables.Add(variable);
        }

        foreach (var instruction in source.Instructions)
        {
            // Arguments are addressed by position; point them at the new method's parameters.
            if (instruction.Operand is ParameterDefinition parameter)
            {
                instruction.Operand = parameter == source.ThisParameter ? body.ThisParameter : target.Parameters[parameter.Index];
            }

            body.Instructions.Add(instruction);
        }

        foreach (var handler in source.ExceptionHandlers)
        {
            body.ExceptionHandlers.Add(handler);
        }

        body.OptimizeMacros();
        method.Body = new MethodBody(method);
    }

    static void MoveDebugInformation(MethodDefinition method, MethodDefinition target)
    {
        var from = method.DebugInformation;
        var to = target.DebugInformation;
        foreach (var point in from.SequencePoints)
        {
            to.SequencePoints.Add(point);
        }

        from.SequencePoints.Clear();
        to.Scope = from.Scope;
        from.Scope = null;
        foreach (var info in from.CustomDebugInformations)
        {
            to.CustomDebugInformations.Add(info);
        }

        from.CustomDebugInformations.Clear();
    }
}
