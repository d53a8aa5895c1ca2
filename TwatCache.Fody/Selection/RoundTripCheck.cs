using System;
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Selection;

/// <summary>
/// Finds, for a [BCache]/[FCache] method, a result property that System.Text.Json would write to disk but
/// could never read back — so every hit would return it empty (zero, null, "") without a word. The runtime
/// finds the same at the first store and keeps such results in memory; here the build says so first.
/// It reports only what it can be sure of, the shape the deserializer cannot fill:
/// an auto-property without a public (or init) setter and without [JsonInclude], whose value a constructor
/// other than the deserializer's takes from one of its parameters (so it is data, not a constant or a
/// computation), while the constructor
/// the deserializer uses ([JsonConstructor]; else for a struct none; else the public parameterless one;
/// else the only public one) has no parameter of its name. Records and positional constructors pass.
/// Types with a [JsonConverter], abstract types, interfaces and framework types are not judged.
/// </summary>
static class RoundTripCheck
{
    const string JsonNamespace = "System.Text.Json.Serialization.";

    public static string? Validate(CacheRequest request)
    {
        var method = request.Method;
        var kind = Weaving.MethodKinds.Of(method.ReturnType);
        var result = kind == Weaving.MethodKind.Sync ? method.ReturnType : ((GenericInstanceType)method.ReturnType).GenericArguments[0];
        var lost = FindLost(result, new HashSet<string>());
        return lost is null
            ? null
            : Message(request.AttributeName, method, result, lost.Value.Type, lost.Value.Property, lost.Value.Constructor) + Messages.FromClassHint(request.FromClass);
    }

    /// <summary>The first property that cannot round-trip in <paramref name="type"/> or what it is made of (elements, type arguments, property types).</summary>
    static (TypeDefinition Type, PropertyDefinition Property, MethodDefinition? Constructor)? FindLost(TypeReference type, HashSet<string> seen)
    {
        if (!seen.Add(type.FullName) || type.IsGenericParameter || type.IsPointer || type.IsByReference)
        {
            return null;
        }

        if (type is ArrayType array)
        {
            return FindLost(array.ElementType, seen);
        }

        if (type is GenericInstanceType generic)
        {
            foreach (var argument in generic.GenericArguments)
            {
                if (FindLost(argument, seen) is { } inArgument)
                {
                    return inArgument;
                }
            }
        }

        var definition = type.TryResolve();
        if (definition is null || !IsJudged(definition))
        {
            return null;
        }

        var constructor = DeserializationConstructor(definition, out var judged);
        if (!judged)
        {
            return null;
        }

        for (var current = definition; current is not null && IsJudged(current); current = current.BaseType.TryResolve())
        {
            foreach (var property in current.Properties)
            {
                if (IsLost(current, property, constructor))
                {
                    return (definition, property, constructor);
                }
            }
        }

        // Nested values are read back by the same rules.
        foreach (var property in definition.Properties.Where(p => p.GetMethod is { IsPublic: true, IsStatic: false }))
        {
            if (FindLost(property.PropertyType, seen) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }


    static bool IsJudged(TypeDefinition type) =>
        !type.IsInterface && !type.IsAbstract && !type.IsEnum && !type.IsPrimitive
        && !IsFramework(OuterNamespace(type)) && !type.HasAttribute(JsonNamespace + "JsonConverterAttribute");

    static bool IsFramework(string ns) =>
        ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns == "Microsoft" || ns.StartsWith("Microsoft.", StringComparison.Ordinal);

    // Cecil gives nested types an empty namespace: the outermost type has it.
    static string OuterNamespace(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.Namespace;
    }

    /// <summary>The constructor System.Text.Json deserializes with (null: none, the properties are set one by one); not judged when it would find none.</summary>
    static MethodDefinition? DeserializationConstructor(TypeDefinition type, out bool judged)
    {
        judged = true;
        var constructors = type.Methods.Where(m => m.IsConstructor && !m.IsStatic).ToList();
        var marked = constructors.FirstOrDefault(c => c.HasAttribute(JsonNamespace + "JsonConstructorAttribute"));
        if (marked is not null)
        {
            return marked;
        }

        if (type.IsValueType)
        {
            // Without [JsonConstructor], a struct is created empty and its properties set one by one.
            return null;
        }

        var publics = constructors.Where(c => c.IsPublic).ToList();
        if (publics.Any(c => !c.HasParameters))
        {
            return null;
        }

        judged = publics.Count == 1;
        return judged ? publics[0] : null;
    }

    static bool IsLost(TypeDefinition type, PropertyDefinition property, MethodDefinition? constructor)
    {
        if (property.GetMethod is not { IsPublic: true, IsStatic: false } || property.HasParameters
            || property.SetMethod is { IsPublic: true }
            || property.HasAttribute(JsonNamespace + "JsonIncludeAttribute") || property.HasAttribute(JsonNamespace + "JsonIgnoreAttribute"))
        {
            return false;
        }

        var backingField = type.Fields.FirstOrDefault(f => f.Name == "<" + property.Name + ">k__BackingField" && !f.IsStatic);
        if (backingField is null)
        {
            // Not an auto-property: computed from other data, which is what round-trips.
            return false;
        }

        if (constructor is not null && constructor.Parameters.Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        // A value the deserialization constructor itself stores comes from what it is given: it reads back.
        return type.Methods.Where(m => m.IsConstructor && !m.IsStatic && m.HasBody && m != constructor)
            .Any(c => StoresArgument(c, backingField, property.SetMethod));
    }

    /// <summary>Whether <paramref name="constructor"/> stores one of its parameters, as it came, in the field or through the setter.</summary>
    static bool StoresArgument(MethodDefinition constructor, FieldDefinition field, MethodDefinition? setter)
    {
        var instructions = constructor.Body.Instructions;
        for (var i = 1; i < instructions.Count; i++)
        {
            var store = instructions[i];
            var target = store.OpCode.Code switch
            {
                Code.Stfld => (store.Operand as FieldReference)?.Resolve() == field,
                Code.Call or Code.Callvirt => setter is not null && (store.Operand as MethodReference)?.Resolve() == setter,
                _ => false,
            };
            if (target && IsParameterLoad(instructions[i - 1]))
            {
                return true;
            }
        }

        return false;
    }

    static bool IsParameterLoad(Instruction instruction) => instruction.OpCode.Code switch
    {
        Code.Ldarg_1 or Code.Ldarg_2 or Code.Ldarg_3 => true,
        Code.Ldarg_S or Code.Ldarg => instruction.Operand is ParameterDefinition { Index: >= 0 },
        _ => false,
    };

    static string Message(string attribute, MethodDefinition method, TypeReference result, TypeDefinition type, PropertyDefinition property,
        MethodDefinition? constructor)
    {
        var typeName = DisplayNames.Type(type);
        var used = constructor is null
            ? type.IsValueType ? "a struct is created empty without [JsonConstructor]" : "it is created with its parameterless constructor"
            : $"its constructor has no parameter named '{char.ToLowerInvariant(property.Name[0]) + property.Name.Substring(1)}'";
        var within = result.FullName == type.FullName ? "" : $" (within the result type {DisplayNames.Type(result)})";
        return $"[{attribute}] cannot cache {DisplayNames.QualifiedMethod(method)}: {typeName}.{property.Name}{within} would be written to disk but read back empty, "
            + $"because it has no public setter and {used}. Give {property.Name} a public setter or init, mark it [JsonInclude], "
            + $"or mark a constructor that takes it (a parameter named {property.Name}) [JsonConstructor].";
    }
}
