using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;
using TwatCache.Keys.Stable;

namespace TwatCache.Tests.Persistence;

/// <summary>Type names in persistent keys: the assembly is part of a type's identity, its version is not.</summary>
public class TypeNameKeyTests
{
    /// <summary>An enum named <c>Shared.Color</c> in an assembly of its own, as two libraries could both declare.</summary>
    static Type ColorIn(string assemblyName)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName(assemblyName), AssemblyBuilderAccess.Run);
        var color = assembly.DefineDynamicModule(assemblyName).DefineEnum("Shared.Color", TypeAttributes.Public, typeof(int));
        color.DefineLiteral("Red", 0);
        return color.CreateType();
    }

    static readonly Type FirstColor = ColorIn("TwatCache.Tests.First");
    static readonly Type SecondColor = ColorIn("TwatCache.Tests.Second");

    static KeyHash BuiltFor(Type declaringType, Type resultType) =>
        new PersistentKeyBuilder<ValueTuple<int>>("M::A(System.Int32)", "il", "", declaringType, resultType).Build(ValueTuple.Create(7));

    [Fact]
    public void Types_of_one_full_name_from_different_assemblies_have_different_names()
    {
        Assert.Equal(FirstColor.FullName, SecondColor.FullName);
        Assert.NotEqual(StableTypeName.Of(FirstColor), StableTypeName.Of(SecondColor));
        Assert.NotEqual(StableTypeName.Of(typeof(List<>).MakeGenericType(FirstColor)), StableTypeName.Of(typeof(List<>).MakeGenericType(SecondColor)));
        Assert.NotEqual(StableTypeName.Of(FirstColor.MakeArrayType()), StableTypeName.Of(SecondColor.MakeArrayType()));
    }

    [Fact]
    public void Values_of_same_named_types_from_different_assemblies_are_different_keys()
    {
        TestKeys.AssertAllDistinct(Enum.ToObject(FirstColor, 0), Enum.ToObject(SecondColor, 0));
    }

    [Fact]
    public void Declaring_and_result_types_of_same_name_from_different_assemblies_are_different_keys()
    {
        Assert.NotEqual(BuiltFor(FirstColor, typeof(int)), BuiltFor(SecondColor, typeof(int)));
        Assert.NotEqual(BuiltFor(typeof(int), FirstColor), BuiltFor(typeof(int), SecondColor));
    }

    [Fact]
    public void A_type_name_carries_its_assembly_simple_name_but_no_version()
    {
        // Pinned: the version, culture and public key stay out, so a rebuild that changes no code keeps its keys
        // (a changed body already changes the IL hash).
        Assert.Equal("System.Private.CoreLib:System.Int32", StableTypeName.Of(typeof(int)));
        Assert.Equal(
            "System.Private.CoreLib:System.Collections.Generic.Dictionary`2[System.Private.CoreLib:System.String,TwatCache.Tests:TwatCache.Tests.Persistence.TypeNameKeyTests[]]",
            StableTypeName.Of(typeof(Dictionary<string, TypeNameKeyTests[]>)));
        Assert.Equal("TwatCache.Tests:TwatCache.Tests.Persistence.StringKeyTests+Named", StableTypeName.Of(typeof(StringKeyTests.Named)));
    }
}
