using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;

namespace TwatCache.Fody.Support;

/// <summary>C#-looking names for messages and statistics: <c>Calculator.Fib(int)</c>, <c>List&lt;string&gt;</c>.</summary>
static class DisplayNames
{
    static readonly Dictionary<string, string> Keywords = new()
    {
        ["System.Void"] = "void", ["System.Boolean"] = "bool", ["System.Byte"] = "byte", ["System.SByte"] = "sbyte",
        ["System.Char"] = "char", ["System.Int16"] = "short", ["System.UInt16"] = "ushort", ["System.Int32"] = "int",
        ["System.UInt32"] = "uint", ["System.Int64"] = "long", ["System.UInt64"] = "ulong", ["System.Single"] = "float",
        ["System.Double"] = "double", ["System.Decimal"] = "decimal", ["System.String"] = "string", ["System.Object"] = "object",
        ["System.IntPtr"] = "nint", ["System.UIntPtr"] = "nuint",
    };

    /// <summary><c>Fib(int)</c>; a getter reads <c>Value.get</c>.</summary>
    public static string Method(MethodDefinition method)
    {
        if (method.IsGetter && method.Name.StartsWith("get_"))
        {
            return method.Name.Substring(4) + ".get";
        }

        var generics = method.HasGenericParameters ? "<" + string.Join(", ", method.GenericParameters.Select(p => p.Name)) + ">" : "";
        return method.Name + generics + "(" + string.Join(", ", method.Parameters.Select(Parameter)) + ")";
    }

    /// <summary><c>Calculator.Fib(int)</c>.</summary>
    public static string QualifiedMethod(MethodDefinition method) => Type(method.DeclaringType) + "." + Method(method);

    static string Parameter(ParameterDefinition parameter) => parameter.ParameterType is ByReferenceType byReference
        ? (parameter.IsOut ? "out " : parameter.IsIn ? "in " : "ref ") + Type(byReference.ElementType)
        : Type(parameter.ParameterType);

    public static string Type(TypeReference type)
    {
        switch (type)
        {
            case ByReferenceType byReference:
                return "ref " + Type(byReference.ElementType);
            case PointerType pointer:
                return Type(pointer.ElementType) + "*";
            case ArrayType array:
                return Type(array.ElementType) + "[" + new string(',', array.Rank - 1) + "]";
            case GenericInstanceType instance when instance.ElementType.FullName == "System.Nullable`1":
                return Type(instance.GenericArguments[0]) + "?";
            case GenericInstanceType instance:
                return Plain(instance.ElementType) + "<" + string.Join(", ", instance.GenericArguments.Select(Type)) + ">";
            case IModifierType modified:
                return Type(modified.ElementType);
        }

        if (Keywords.TryGetValue(type.FullName, out var keyword))
        {
            return keyword;
        }

        var name = Plain(type);
        return type is TypeDefinition { HasGenericParameters: true } definition
            ? name + "<" + string.Join(", ", definition.GenericParameters.Select(p => p.Name)) + ">"
            : name;
    }

    static string Plain(TypeReference type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`');
        if (tick >= 0)
        {
            name = name.Substring(0, tick);
        }

        return type.DeclaringType is null || type is GenericParameter ? name : Plain(type.DeclaringType) + "." + name;
    }
}
