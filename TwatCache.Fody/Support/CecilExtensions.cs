using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Rocks;

namespace TwatCache.Fody.Support;

/// <summary>Small Cecil idioms the weaver repeats: members of generic instances, self instances.</summary>
static class CecilExtensions
{
    /// <summary>
    /// The definition of <paramref name="type"/>, or null when it is null or its assembly cannot be resolved
    /// (a reference the build does not carry): callers judge only what they can see.
    /// </summary>
    public static TypeDefinition? TryResolve(this TypeReference? type)
    {
        try
        {
            return type?.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }

    /// <summary>The definition of <paramref name="method"/>, or null when its assembly cannot be resolved.</summary>
    public static MethodDefinition? TryResolve(this MethodReference method)
    {
        try
        {
            return method.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="type"/> or a base type implements the interface <paramref name="interfaceName"/> (a full name), directly or through another interface.</summary>
    public static bool Implements(this TypeDefinition? type, string interfaceName)
    {
        for (; type is not null; type = type.BaseType.TryResolve())
        {
            if (type.FullName == interfaceName
                || type.Interfaces.Any(i => i.InterfaceType.FullName == interfaceName || i.InterfaceType.TryResolve().Implements(interfaceName)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The same method, declared on <paramref name="declaringType"/> (a closed or self generic instance).</summary>
    public static MethodReference On(this MethodReference method, TypeReference declaringType)
    {
        var reference = new MethodReference(method.Name, method.ReturnType, declaringType)
        {
            HasThis = method.HasThis,
            ExplicitThis = method.ExplicitThis,
            CallingConvention = method.CallingConvention,
        };
        foreach (var parameter in method.Parameters)
        {
            reference.Parameters.Add(new ParameterDefinition(parameter.ParameterType));
        }

        foreach (var genericParameter in method.GenericParameters)
        {
            reference.GenericParameters.Add(new GenericParameter(genericParameter.Name, reference));
        }

        return reference;
    }

    /// <summary>The same field, declared on <paramref name="declaringType"/>; the field itself when that type is not generic.</summary>
    public static FieldReference On(this FieldReference field, TypeReference declaringType) =>
        declaringType is GenericInstanceType ? new FieldReference(field.Name, field.FieldType, declaringType) : field;

    public static MethodReference WithTypeArguments(this MethodReference method, params TypeReference[] arguments)
    {
        if (arguments.Length == 0)
        {
            return method;
        }

        var instance = new GenericInstanceMethod(method);
        foreach (var argument in arguments)
        {
            instance.GenericArguments.Add(argument);
        }

        return instance;
    }

    /// <summary><c>T&lt;T1..Tn&gt;</c> over its own generic parameters, as code inside <c>T</c> refers to it; <c>T</c> when not generic.</summary>
    public static TypeReference SelfInstance(this TypeDefinition type) =>
        type.HasGenericParameters ? type.MakeGenericInstanceType(type.GenericParameters.ToArray()) : type;

    public static bool HasAttribute(this ICustomAttributeProvider provider, string fullName) =>
        provider.HasCustomAttributes && provider.CustomAttributes.Any(a => a.AttributeType.FullName == fullName);

    public static CustomAttribute? FindAttribute(this ICustomAttributeProvider provider, string fullName) =>
        provider.HasCustomAttributes ? provider.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == fullName) : null;
}
