using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Mono.Cecil;

namespace TwatCache.Tests.Snapshots;

/// <summary>
/// The decompiler helper, on a copy of this test assembly in which <see cref="WovenShape"/> is
/// renamed the way the weaver names what it adds (<c>&lt;Fib&gt;TwatCache</c>, <c>Fib$body</c>,
/// a delegate target with an unspeakable name), so the test does not depend on the weaver.
/// </summary>
public sealed class WovenCodeTests : IDisposable
{
    const string ShapeType = "TwatCache.Tests.Snapshots.WovenShape";

    readonly string folder = Directory.CreateTempSubdirectory("twatcache-wovencode-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Generated_members_stay_members_of_their_own()
    {
        var code = WovenCode.Decompile(WriteRenamedCopy("a"), ShapeType);

        Assert.Contains("private static class <Fib>TwatCache", code);
        Assert.Contains("private int Fib$body(int n)", code);
        // Not folded into a lambda at the delegate's creation.
        Assert.Contains("private static int <Fib>b__call(int n, WovenShape shape)", code);
        Assert.Contains("public int Other()", code);
    }

    [Fact]
    public void Output_depends_on_the_code_only()
    {
        var first = WovenCode.Decompile(WriteRenamedCopy("a"), ShapeType);
        var second = WovenCode.Decompile(WriteRenamedCopy("b"), ShapeType);

        Assert.Equal(first, second);
        Assert.DoesNotContain(folder, first);
        Assert.DoesNotContain("\r", first);
    }

    [Fact]
    public void One_method_comes_with_what_was_added_for_it()
    {
        var code = WovenCode.Decompile(WriteRenamedCopy("a"), ShapeType, "Fib");

        Assert.Contains("public int Fib(int n)", code);
        Assert.Contains("private int Fib$body(int n)", code);
        Assert.Contains("private static class <Fib>TwatCache", code);
        Assert.Contains("internal sealed class WovenShape", code);
        Assert.DoesNotContain("Other", code);
    }

    [Fact]
    public void A_property_is_found_by_its_accessor()
    {
        var code = WovenCode.Decompile(WriteRenamedCopy("a"), ShapeType, "get_Answer");

        Assert.Contains("public int Answer => 42;", code);
        Assert.DoesNotContain("Fib", code);
    }

    [Fact]
    public void Unknown_method_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => WovenCode.Decompile(WriteRenamedCopy("a"), ShapeType, "Missing"));

        Assert.StartsWith($"{ShapeType} has no member named Missing.", error.Message);
    }

    string WriteRenamedCopy(string name)
    {
        var path = Path.Combine(folder, name, "Shapes.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var module = ModuleDefinition.ReadModule(typeof(WovenShape).Assembly.Location);
        var shape = module.GetType(ShapeType);
        shape.Methods.Single(method => method.Name == "FibBody").Name = "Fib$body";
        var holder = shape.NestedTypes.Single(type => type.Name == "Holder");
        holder.Name = "<Fib>TwatCache";
        holder.Methods.Single(method => method.Name == "Call").Name = "<Fib>b__call";
        module.Write(path);
        return path;
    }
}

/// <summary>The shape of a woven method, written by hand; renamed by <see cref="WovenCodeTests"/>.</summary>
sealed class WovenShape
{
    public int Fib(int n) => Holder.Body(n, this);

    public int Other() => 42;

    public int Answer => 42;

    [CompilerGenerated]
    int FibBody(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);

    [CompilerGenerated]
    static class Holder
    {
        public static readonly Func<int, WovenShape, int> Body = new(Call);

        [CompilerGenerated]
        static int Call(int n, WovenShape shape) => shape.FibBody(n);
    }
}
