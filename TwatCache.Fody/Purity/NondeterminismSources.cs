using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Purity;

/// <summary>What a cached body may read that its key does not capture, one kind per warning.</summary>
enum ReadKind
{
    Clock,
    Random,
    Guid,
    Environment,
    Culture,
    MutableStatic,
    MutableThisField,
}

/// <summary>
/// The documented list of reads whose value can change between two calls with equal keys:
/// <list type="bullet">
/// <item>the clock: <c>DateTime.Now/UtcNow/Today</c>, <c>DateTimeOffset.Now/UtcNow</c>, any member of
/// <c>Stopwatch</c>, <c>TimeProvider.GetUtcNow/GetLocalNow/GetTimestamp</c>, <c>Environment.TickCount(64)</c>;</item>
/// <item>a random source: any member of <c>Random</c> (constructors, <c>Shared</c>, methods) or of
/// <c>System.Security.Cryptography.RandomNumberGenerator</c>;</item>
/// <item><c>Guid.NewGuid</c> and <c>Guid.CreateVersion7</c>;</item>
/// <item><c>Environment.GetEnvironmentVariable(s)</c>;</item>
/// <item>the current culture: <c>CultureInfo.CurrentCulture/CurrentUICulture</c>, <c>Thread.CurrentCulture/CurrentUICulture</c>.
/// Formatting or parsing without an <c>IFormatProvider</c> is not detected: string interpolation, <c>string.Format</c>
/// and <c>ToString()</c> reach the culture through too many shapes to tell reliably from IL;</item>
/// <item>a static field that is neither <c>readonly</c> nor <c>const</c> (<c>ldsfld</c>/<c>ldsflda</c>), except the
/// compiler's own caches (lambda singletons <c>&lt;&gt;9</c> and the like);</item>
/// <item>for an instance method, a field of <c>this</c> that is not <c>readonly</c> (<c>ldfld</c>/<c>ldflda</c> on <c>this</c>,
/// also from the method's state machine or closures, through <c>&lt;&gt;4__this</c>).</item>
/// </list>
/// A field that is only counted (<c>Runs++</c>, <c>Interlocked.Increment(ref Runs)</c>, the value read going straight
/// back into the same field) does not reach the result and does not count.
/// </summary>
static class NondeterminismSources
{
    /// <summary>The kind of a call's target, or null when calling it is deterministic as far as this list knows.</summary>
    public static ReadKind? OfCall(MethodReference method)
    {
        var type = method.DeclaringType.GetElementType().FullName;
        var name = method.Name;
        return type switch
        {
            "System.DateTime" when name is "get_Now" or "get_UtcNow" or "get_Today" => ReadKind.Clock,
            "System.DateTimeOffset" when name is "get_Now" or "get_UtcNow" => ReadKind.Clock,
            "System.Diagnostics.Stopwatch" => ReadKind.Clock,
            "System.TimeProvider" when name is "GetUtcNow" or "GetLocalNow" or "GetTimestamp" => ReadKind.Clock,
            "System.Environment" when name is "get_TickCount" or "get_TickCount64" => ReadKind.Clock,
            "System.Random" or "System.Security.Cryptography.RandomNumberGenerator" => ReadKind.Random,
            "System.Guid" when name is "NewGuid" or "CreateVersion7" => ReadKind.Guid,
            "System.Environment" when name is "GetEnvironmentVariable" or "GetEnvironmentVariables" => ReadKind.Environment,
            "System.Globalization.CultureInfo" or "System.Threading.Thread" when name is "get_CurrentCulture" or "get_CurrentUICulture" => ReadKind.Culture,
            _ => null,
        };
    }

    /// <summary>A read of a static field that may have changed since the last call: not readonly, not the compiler's.</summary>
    public static bool IsMutableStatic(FieldReference reference)
    {
        var field = reference.Resolve();
        return field is not null && field.IsStatic && !field.IsInitOnly && !field.IsLiteral && !IsCompilerCache(field);
    }

    /// <summary>A field of <paramref name="owner"/> (or of a base type) that is not readonly.</summary>
    public static bool IsMutableFieldOf(FieldReference reference, TypeDefinition owner)
    {
        var field = reference.Resolve();
        if (field is null || field.IsStatic || field.IsInitOnly)
        {
            return false;
        }

        for (var type = owner; type is not null; type = type.BaseType.TryResolve())
        {
            if (type == field.DeclaringType)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The read feeds only a write back into the same field or property: <c>ldsfld F; ldc; add|sub; stsfld F</c>,
    /// the <c>ldfld</c> form, <c>call get_P; ldc; add|sub; call set_P</c> (<c>Runs++</c> on an auto-property), or
    /// <c>ldsflda F; call Interlocked.Increment|Decrement; pop</c>. A counter, not an input.
    /// </summary>
    public static bool IsCounterUpdate(Instruction read)
    {
        if (read.OpCode.Code is Code.Ldsfld or Code.Ldfld or Code.Call or Code.Callvirt)
        {
            return SkipTemporary(read.Next) is { } constant && IsConstant(constant.OpCode.Code)
                && constant.Next is { OpCode.Code: Code.Add or Code.Sub } arithmetic
                && arithmetic.Next is { } write && IsWriteBack(read, write);
        }

        return read.Next is { OpCode.Code: Code.Call, Operand: MethodReference call } && call.DeclaringType.FullName == "System.Threading.Interlocked"
            && call.Name is "Increment" or "Decrement" && read.Next.Next is { OpCode.Code: Code.Pop };
    }

    /// <summary>
    /// Debug builds keep a postfix increment's old value in a temporary first (<c>stloc.0; ldloc.0</c>, with
    /// <c>ldarg.0</c> between them for a property of this instance): step over it.
    /// </summary>
    static Instruction? SkipTemporary(Instruction? next)
    {
        if (next is null || Local(next, store: true) is not { } stored)
        {
            return next;
        }

        var load = next.Next is { OpCode.Code: Code.Ldarg_0 } instance ? instance.Next : next.Next;
        return load is not null && Local(load, store: false) == stored ? load.Next : next;
    }

    static int? Local(Instruction instruction, bool store) => (instruction.OpCode.Code, store) switch
    {
        (Code.Stloc_0, true) or (Code.Ldloc_0, false) => 0,
        (Code.Stloc_1, true) or (Code.Ldloc_1, false) => 1,
        (Code.Stloc_2, true) or (Code.Ldloc_2, false) => 2,
        (Code.Stloc_3, true) or (Code.Ldloc_3, false) => 3,
        (Code.Stloc or Code.Stloc_S, true) or (Code.Ldloc or Code.Ldloc_S, false) => ((VariableDefinition)instruction.Operand).Index,
        _ => null,
    };

    static bool IsWriteBack(Instruction read, Instruction write) => (read.Operand, write.Operand) switch
    {
        (FieldReference field, FieldReference written) =>
            write.OpCode.Code == (read.OpCode.Code == Code.Ldsfld ? Code.Stsfld : Code.Stfld) && written.FullName == field.FullName,
        (MethodReference getter, MethodReference setter) =>
            write.OpCode.Code is Code.Call or Code.Callvirt && getter.Name.StartsWith("get_", System.StringComparison.Ordinal)
            && setter.Name == "set_" + getter.Name.Substring(4) && setter.DeclaringType.FullName == getter.DeclaringType.FullName,
        _ => false,
    };

    static bool IsConstant(Code code) =>
        code is Code.Ldc_I4 or Code.Ldc_I4_S or Code.Ldc_I4_0 or Code.Ldc_I4_1 or Code.Ldc_I4_2 or Code.Ldc_I4_3 or Code.Ldc_I4_4
            or Code.Ldc_I4_5 or Code.Ldc_I4_6 or Code.Ldc_I4_7 or Code.Ldc_I4_8 or Code.Ldc_I4_M1 or Code.Ldc_I8 or Code.Ldc_R4 or Code.Ldc_R8;

    /// <summary>Fields the compiler emits to cache a delegate or a singleton closure (<c>&lt;&gt;9__0_0</c>), which it fills once.</summary>
    static bool IsCompilerCache(FieldDefinition field) =>
        field.Name.StartsWith("<>", System.StringComparison.Ordinal)
        || field.DeclaringType.Name.StartsWith("<", System.StringComparison.Ordinal)
            && field.DeclaringType.HasAttribute("System.Runtime.CompilerServices.CompilerGeneratedAttribute");

    /// <summary>How the read reads in a message: <c>DateTime.Now</c>, <c>Random.Next(int)</c>, <c>Counter.total</c>.</summary>
    public static string Describe(object operand) => operand switch
    {
        MethodReference method when method.Name.StartsWith("get_", System.StringComparison.Ordinal) && method.Parameters.Count == 0 =>
            DisplayNames.Type(method.DeclaringType) + "." + method.Name.Substring(4),
        MethodReference { Name: ".ctor" } method => "new " + DisplayNames.Type(method.DeclaringType) + "(" + Parameters(method) + ")",
        MethodReference method => DisplayNames.Type(method.DeclaringType) + "." + method.Name + "(" + Parameters(method) + ")",
        FieldReference field => DisplayNames.Type(field.DeclaringType) + "." + FieldName(field.Name),
        _ => operand.ToString() ?? "",
    };

    /// <summary>An auto-property's backing field (<c>&lt;Runs&gt;k__BackingField</c>) by its property's name.</summary>
    static string FieldName(string name) =>
        name.StartsWith("<", System.StringComparison.Ordinal) && name.EndsWith(">k__BackingField", System.StringComparison.Ordinal)
            ? name.Substring(1, name.Length - 1 - ">k__BackingField".Length)
            : name;

    static string Parameters(MethodReference method) => string.Join(", ", method.Parameters.Select(p => DisplayNames.Type(p.ParameterType)));
}
