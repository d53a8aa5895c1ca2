using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using TwatCache.Tests.EndToEnd;

namespace TwatCache.Tests.Packaging;

/// <summary>
/// TwatCache.Fody.xcf is the schema editors check FodyWeavers.xml against; WeaverConfig is what the weaver
/// accepts. A setting in one and not the other is either refused while the editor offers it, or accepted
/// while the editor flags it: the two lists must be the same.
/// </summary>
public sealed class XcfSchemaTests
{
    static readonly XNamespace Xs = "http://www.w3.org/2001/XMLSchema";

    static XElement Xcf => XElement.Load(Path.Combine(DotnetCommand.RepositoryRoot, "TwatCache.Fody", "TwatCache.Fody.xcf"));

    [Fact]
    public void The_xcf_declares_exactly_the_settings_the_weaver_knows()
    {
        var declared = Xcf.Descendants(Xs + "attribute").Select(attribute => (string)attribute.Attribute("name")!).Order(StringComparer.Ordinal);

        Assert.Equal(KnownSettings().Order(StringComparer.Ordinal), declared);
    }

    [Fact]
    public void The_xcf_is_a_documented_complex_type_without_child_elements()
    {
        var xcf = Xcf;

        // Fody pastes the fragment under <xs:element name="TwatCache">: its root must be the element's type.
        Assert.Equal(Xs + "complexType", xcf.Name);
        Assert.Empty(xcf.Descendants(Xs + "element"));
        Assert.All(xcf.Descendants(Xs + "attribute"), attribute => Assert.NotEmpty(attribute.Descendants(Xs + "documentation")));
        Assert.NotEmpty(xcf.Elements(Xs + "annotation").Elements(Xs + "documentation"));
    }

    // Private on purpose (nothing else in the weaver should list them), so read by reflection.
    static string[] KnownSettings() => (string[])typeof(global::TwatCache.Fody.WeaverConfig)
        .GetField("KnownSettings", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
}
