using System.Collections.Generic;
using System.Linq;
using System.Text;
using Mono.Cecil;

namespace TwatCache.Fody.Hashing;

/// <summary>
/// The serialized shape of a result type: for types of this assembly, the public instance properties
/// and fields System.Text.Json writes (name and type), recursively; for other types, their name.
/// A renamed or retyped member changes the hash, so old bytes are never read into a new shape.
/// </summary>
sealed class TypeShape
{
    readonly ModuleDefinition module;
    readonly HashSet<string> described = new();

    public TypeShape(ModuleDefinition module) => this.module = module;

    public void Append(StringBuilder text, TypeReference type)
    {
        text.Append(type.FullName).Append('\n');
        Describe(text, type);
    }

    void Describe(StringBuilder text, TypeReference type)
    {
        switch (type)
        {
            case ArrayType array:
                Describe(text, array.ElementType);
                return;
            case GenericInstanceType instance:
                foreach (var argument in instance.GenericArguments)
                {
                    Describe(text, argument);
                }

                break;
        }

        var element = type.GetElementType();
        if (element is GenericParameter || element.Scope != module || !described.Add(element.FullName))
        {
            return;
        }

        var definition = element.Resolve();
        if (definition is null)
        {
            return;
        }

        text.Append("shape ").Append(definition.FullName).Append('\n');
        var members = definition.Properties
            .Where(p => p.GetMethod is { IsPublic: true, IsStatic: false })
            .Select(p => (p.Name, p.PropertyType))
            .Concat(definition.Fields.Where(f => f.IsPublic && !f.IsStatic).Select(f => (f.Name, f.FieldType)));
        foreach (var (name, memberType) in members)
        {
            text.Append("  ").Append(name).Append(": ").Append(memberType.FullName).Append('\n');
            Describe(text, memberType);
        }

        // Inherited public members are serialized too.
        if (definition.BaseType is not null)
        {
            Describe(text, definition.BaseType);
        }
    }
}
