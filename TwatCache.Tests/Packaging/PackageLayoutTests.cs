using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using TwatCache.Tests.EndToEnd;

namespace TwatCache.Tests.Packaging;

/// <summary>
/// The TwatCache.Fody package is laid out as Fody add-ins are: the runtime under lib/, the weaver and its
/// schema under weaver/, the props that register the weaver under build/ and buildTransitive/, and a
/// dependency on Fody that lets its build targets reach the user's project.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PackageLayoutTests(PackedFeed feed)
{
    [Fact]
    public void The_package_holds_the_runtime_the_weaver_its_schema_the_props_readme_and_license()
    {
        using var package = ZipFile.OpenRead(feed.Package);
        var files = package.Entries.Select(entry => entry.FullName).Where(name => !IsPackagingMetadata(name)).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
        [
            "LICENSE",
            "README.md",
            "TwatCache.Fody.nuspec",
            "build/TwatCache.Fody.props",
            "buildTransitive/TwatCache.Fody.props",
            "lib/net10.0/TwatCache.Runtime.dll",
            "lib/net10.0/TwatCache.Runtime.xml",
            "weaver/TwatCache.Fody.dll",
            "weaver/TwatCache.Fody.xcf",
        ], files);
    }

    [Fact]
    public void The_props_register_the_packaged_weaver_with_Fody()
    {
        using var package = ZipFile.OpenRead(feed.Package);
        var props = XDocument.Load(package.GetEntry("build/TwatCache.Fody.props")!.Open());

        var weaver = Assert.Single(props.Descendants("WeaverFiles"));
        Assert.Equal("$(MSBuildThisFileDirectory)../weaver/TwatCache.Fody.dll", (string?)weaver.Attribute("Include"));
    }

    [Fact]
    public void Fody_is_a_dependency_whose_build_assets_flow_and_the_runtime_packages_are_dependencies_too()
    {
        var metadata = Nuspec().Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        var dependencies = metadata.Descendants().Where(element => element.Name.LocalName == "dependency")
            .ToDictionary(element => (string)element.Attribute("id")!);

        Assert.Equal("TwatCache.Fody", Value(metadata, "id"));
        Assert.Equal(feed.Version, Value(metadata, "version"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal("6.9.3", (string?)dependencies["Fody"].Attribute("version"));
        Assert.Equal("All", (string?)dependencies["Fody"].Attribute("include"));
        Assert.Contains("Microsoft.Data.Sqlite", dependencies.Keys);
        Assert.Contains("Microsoft.Extensions.Caching.Memory", dependencies.Keys);
        Assert.DoesNotContain(dependencies.Keys, id => id.StartsWith("FodyHelpers", StringComparison.Ordinal) || id == "TwatCache.Runtime");
    }

    XDocument Nuspec()
    {
        using var package = ZipFile.OpenRead(feed.Package);
        return XDocument.Load(package.GetEntry("TwatCache.Fody.nuspec")!.Open());
    }

    static string? Value(XElement metadata, string name) => metadata.Elements().SingleOrDefault(element => element.Name.LocalName == name)?.Value;

    // The zip parts NuGet itself adds to every package.
    static bool IsPackagingMetadata(string name) => name.StartsWith("_rels/", StringComparison.Ordinal)
        || name.StartsWith("package/", StringComparison.Ordinal) || name == "[Content_Types].xml";
}
