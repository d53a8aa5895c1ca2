using System;
using System.IO;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using TwatCache.Fody.Hashing;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// The IL hash of a persistent method covers the code that may compute its result even when no call
/// names it: implementations behind an interface, overrides behind a virtual method, constrained
/// calls, delegates to virtual methods, virtual methods of objects it creates that other assemblies'
/// code calls back, and static constructors behind static fields. Each test reads
/// the fixture assembly twice, edits one constant in the second copy, and compares the hashes.
/// </summary>
public class IlHashCoverageTests
{
    const string Dispatch = "AssemblyToProcess.PersistentDispatch";

    [Theory]
    [InlineData("QuoteThroughInterface", "AssemblyToProcess.StandardPricing", "Price")]
    [InlineData("FeeThroughOverride", "AssemblyToProcess.FlatFee", "Of")]
    [InlineData("SizeThroughConstraint", "AssemblyToProcess.Box", "Size")]
    [InlineData("TimesStaticAbstractScale", "AssemblyToProcess.Metre", "Scale")]
    [InlineData("RoundedThroughDelegate", "AssemblyToProcess.FlatFee", "Rounded")]
    [InlineData("TimesStaticField", "AssemblyToProcess.Rates", ".cctor")]
    [InlineData("TimesGenericStaticField", "AssemblyToProcess.GenericRates`1", ".cctor")]
    [InlineData("SmallestByLastDigit", "AssemblyToProcess.ByLastDigit", "Compare")]
    public void Editing_code_reached_only_through_dispatch_or_a_static_constructor_changes_the_hash(
        string cached, string editedType, string editedMethod)
    {
        var before = HashOf(cached, edit: null);
        var after = HashOf(cached, edit: (editedType, editedMethod));

        Assert.True(before != after, $"{Dispatch}::{cached} kept its IL hash after {editedType}::{editedMethod} changed");
    }

    [Fact]
    public void Editing_a_method_of_the_same_name_on_a_type_outside_the_interface_leaves_the_hash_alone()
    {
        var before = HashOf("QuoteThroughInterface", edit: null);
        var after = HashOf("QuoteThroughInterface", edit: ("AssemblyToProcess.UnrelatedPricing", "Price"));

        Assert.Equal(before, after);
    }

    [Fact]
    public void Editing_the_SkipWhen_predicate_changes_the_hash()
    {
        // Entries stored under the old predicate may be results the new one rejects: they must not be served.
        const string owner = "AssemblyToProcess.SkipWhenPersistent";
        var before = HashOf("Lines", edit: null, owner, skipWhen: "IsEmpty");
        var after = HashOf("Lines", edit: (owner, "IsEmpty"), owner, skipWhen: "IsEmpty");

        Assert.True(before != after, $"{owner}::Lines kept its IL hash after its SkipWhen predicate IsEmpty changed");
    }

    [Fact]
    public void Hashing_is_deterministic_across_reads_of_the_same_assembly()
    {
        foreach (var cached in new[] { "QuoteThroughInterface", "FeeThroughOverride", "TimesGenericStaticField" })
        {
            Assert.Equal(HashOf(cached, edit: null), HashOf(cached, edit: null));
        }
    }

    /// <summary>The hash the weaver would give <paramref name="cached"/>, after adding 100 to the first constant of the edited method.</summary>
    /// <param name="owner">The type declaring <paramref name="cached"/>.</param>
    /// <param name="skipWhen">The name of its SkipWhen predicate, as the weaver passes it to the hasher.</param>
    static string HashOf(string cached, (string Type, string Method)? edit, string owner = Dispatch, string? skipWhen = null)
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
        using var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(fixtures);
        resolver.AddSearchDirectory(AppContext.BaseDirectory);
        using var module = ModuleDefinition.ReadModule(
            Path.Combine(fixtures, "AssemblyToProcess.dll"), new ReaderParameters { AssemblyResolver = resolver });
        if (edit is var (type, method))
        {
            AddToFirstConstant(module.GetType(type).Methods.Single(m => m.Name == method), 100);
        }

        var target = module.GetType(owner).Methods.Single(m => m.Name == cached);
        var predicate = skipWhen is null ? null : module.GetType(owner).Methods.Single(m => m.Name == skipWhen);
        return new IlHasher(module).Hash(target, target.ReturnType, predicate);
    }

    static void AddToFirstConstant(MethodDefinition method, int amount)
    {
        var constant = method.Body.Instructions.First(i => ConstantOf(i) is not null);
        constant.Operand = ConstantOf(constant)!.Value + amount;
        constant.OpCode = OpCodes.Ldc_I4;
    }

    static int? ConstantOf(Instruction instruction) => instruction.OpCode.Code switch
    {
        Code.Ldc_I4_M1 => -1,
        >= Code.Ldc_I4_0 and <= Code.Ldc_I4_8 => instruction.OpCode.Code - Code.Ldc_I4_0,
        Code.Ldc_I4_S => (sbyte)instruction.Operand,
        Code.Ldc_I4 => (int)instruction.Operand,
        _ => null,
    };
}
