using TwatCache.Diagnostics;

namespace TwatCache.Tests.Tool;

/// <summary>
/// The identities persistent stores record (Cecil full names, as the weaver's MethodIdentity writes them) read
/// back as Cache.Stats() names methods: the declaring type's own name, parameters as C# writes them.
/// </summary>
public sealed class IdentityNamesTests
{
    [Theory]
    [InlineData("MyApp.Db::Cube(System.Int32)", "Db.Cube(int)")]
    [InlineData("Db::Cube(System.Int32)", "Db.Cube(int)")]
    [InlineData("MyApp.Db::Now()", "Db.Now()")]
    [InlineData("MyApp.Images::Render(System.String,System.Double,System.Decimal)", "Images.Render(string, double, decimal)")]
    [InlineData("MyApp.Outer/Inner::Load(MyApp.Outer/Options,System.Guid)", "Inner.Load(Outer.Options, Guid)")]
    [InlineData("MyApp.Repo`1::Find(System.Int32[],System.Int32[0...,0...])", "Repo<>.Find(int[], int[,])")]
    [InlineData("MyApp.Repo`2::Find``1(System.Collections.Generic.List`1<System.Int32>,T)", "Repo<,>.Find<>(List<int>, T)")]
    [InlineData("MyApp.Db::Get(System.Nullable`1<System.Double>,System.Int32&)", "Db.Get(double?, ref int)")]
    [InlineData("MyApp.Db::Map(System.Collections.Generic.Dictionary`2<System.String,System.Collections.Generic.List`1<System.Int64>>)",
        "Db.Map(Dictionary<string, List<long>>)")]
    public void Identities_read_as_stats_names(string identity, string expected) => Assert.Equal(expected, IdentityNames.Readable(identity));

    [Theory]
    [InlineData("not an identity")]
    [InlineData("Db::Cube")]
    public void Other_text_comes_back_as_it_is(string text) => Assert.Equal(text, IdentityNames.Readable(text));
}
