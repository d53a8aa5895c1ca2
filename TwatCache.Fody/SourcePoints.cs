using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace TwatCache.Fody;

/// <summary>
/// The source line to blame for a method: its first visible sequence point, or for async methods
/// and iterators (whose code the compiler moved into a state machine) the state machine's. A method
/// without IL (abstract, extern) has no line of its own: then the first line of its type's code,
/// so the user at least lands in the right file; the message names the method.
/// </summary>
static class SourcePoints
{
    const int HiddenLine = 0xFEEFEE;

    public static SequencePoint? Of(MethodDefinition method)
    {
        var own = FirstVisible(method);
        if (own is not null)
        {
            return own;
        }

        var stateMachine = method.CustomAttributes
            .FirstOrDefault(a => a.AttributeType.Name.EndsWith("StateMachineAttribute") && a.ConstructorArguments.Count == 1)?
            .ConstructorArguments[0].Value as TypeReference;
        var moveNext = stateMachine?.Resolve()?.Methods.FirstOrDefault(m => m.Name == "MoveNext");
        return (moveNext is null ? null : FirstVisible(moveNext))
            ?? method.DeclaringType.Methods.Select(FirstVisible).FirstOrDefault(p => p is not null);
    }

    static SequencePoint? FirstVisible(MethodDefinition method) =>
        method.DebugInformation.HasSequencePoints
            ? method.DebugInformation.SequencePoints.FirstOrDefault(p => p.StartLine != HiddenLine)
            : null;
}
