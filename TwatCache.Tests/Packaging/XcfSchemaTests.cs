using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using TwatCache.Fody.Selection;
using TwatCache.Tests.EndToEnd;

namespace TwatCache.Tests.Packaging;

/// <summary>
/// TwatCache.Fody.xcf is the schema editors check FodyWeavers.xml against; ProjectDefaultsReader is what the weaver
/// accepts. A setting in one and not the other is either refused while the editor offers it, or accepted while the
/// editor flags it: the two lists must be the same. FodyWeavers.xsd at the repository root is the schema users get
/// (Fody writes it beside their FodyWeavers.xml from the shipped .xcf): it must hold the .xcf unchanged.
/// </summary>
public sealed class XcfSchemaTests
{
    static readonly XNamespace Xs = "http://www.w3.org/2001/XMLSchema";

    static XElement Xcf => XElement.Load(Path.Combine(DotnetCommand.RepositoryRoot, "TwatCache.Fody", "TwatCache.Fody.xcf"));

    static string RootSchemaPath => Path.Combine(DotnetCommand.RepositoryRoot, "FodyWeavers.xsd");

    [Fact]
    public void The_xcf_declares_exactly_the_settings_the_weaver_knows_in_its_order()
    {
        var declared = Xcf.Descendants(Xs + "attribute").Select(attribute => (string)attribute.Attribute("name")!);

        Assert.Equal(ProjectDefaultsReader.Names, declared);
    }

    [Fact]
    public void The_xcf_is_a_documented_complex_type_without_child_elements()
    {
        var xcf = Xcf;

        // Fody pastes the fragment under <xs:element name="TwatCache">: its root must be the element's type.
        Assert.Equal(Xs + "complexType", xcf.Name);
        Assert.Empty(xcf.Descendants(Xs + "element"));
        Assert.All(xcf.Descendants(Xs + "attribute"), attribute => Assert.NotEmpty(attribute.Elements(Xs + "annotation").Elements(Xs + "documentation")));
        Assert.All(xcf.Descendants(Xs + "attribute"), attribute => Assert.Contains("Default", attribute.Descendants(Xs + "documentation").First().Value));
        Assert.NotEmpty(xcf.Elements(Xs + "annotation").Elements(Xs + "documentation"));
    }

    [Fact]
    public void The_repository_schema_holds_the_shipped_xcf_as_Fody_pastes_it()
    {
        var twatCache = Assert.Single(XElement.Load(RootSchemaPath).Descendants(Xs + "element"), e => (string?)e.Attribute("name") == "TwatCache");

        Assert.Equal("Weavers", (string?)twatCache.Parent!.Parent!.Parent!.Attribute("name"));
        Assert.Equal(("0", "1"), ((string?)twatCache.Attribute("minOccurs"), (string?)twatCache.Attribute("maxOccurs")));
        Assert.True(XNode.DeepEquals(WithoutNamespaceDeclarations(Xcf), WithoutNamespaceDeclarations(Assert.Single(twatCache.Elements()))),
            "FodyWeavers.xsd's <TwatCache> type differs from TwatCache.Fody/TwatCache.Fody.xcf");
    }

    // Fody saves the schema with xmlns:xs declared once, on its root: where a declaration sits is no difference.
    static XElement WithoutNamespaceDeclarations(XElement element)
    {
        var copy = new XElement(element);
        copy.DescendantsAndSelf().Attributes().Where(attribute => attribute.IsNamespaceDeclaration).Remove();
        return copy;
    }

    [Theory]
    [InlineData("""<TwatCache />""")]
    [InlineData("""<TwatCache Folder="shared/results" MaxSize="500" Ttl="0.5" Policy="Lfu" Disabled="false" />""")]
    public void Editors_accept_valid_settings(string twatCache) => Assert.Empty(SchemaProblems(twatCache));

    [Theory]
    [InlineData("""<TwatCache MaxSize="0" />""", "MaxSize")]
    [InlineData("""<TwatCache Ttl="0" />""", "Ttl")]
    [InlineData("""<TwatCache Policy="lru" />""", "Policy")]
    [InlineData("""<TwatCache Disabled="yes" />""", "Disabled")]
    [InlineData("""<TwatCache Colour="blue" />""", "Colour")]
    public void Editors_flag_what_the_weaver_refuses(string twatCache, string setting) =>
        Assert.Contains(SchemaProblems(twatCache), problem => problem.Contains(setting, StringComparison.Ordinal));

    static List<string> SchemaProblems(string twatCache)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, RootSchemaPath);
        var problems = new List<string>();
        XDocument.Parse($"<Weavers>{twatCache}</Weavers>").Validate(schemas, (_, e) => problems.Add(e.Message));
        return problems;
    }
}
