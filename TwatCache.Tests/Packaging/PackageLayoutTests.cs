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
    public void Fody_is_a_dependency_whose_build_assets_flow_and_the_engine_packages_dependencies_are_not()
    {
        var metadata = Metadata(feed.Package, PackedFeed.PackageId);
        var dependencies = Dependencies(metadata);

        Assert.Equal("TwatCache.Fody", Value(metadata, "id"));
        Assert.Equal(feed.Version, Value(metadata, "version"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal("6.9.3", (string?)dependencies["Fody"].Attribute("version"));
        Assert.Equal("All", (string?)dependencies["Fody"].Attribute("include"));
        // Issue 9: SQLite (35 native files) and the Microsoft caches made every app 70 MB; they are engine packages now.
        Assert.Equal(["Fody", "Microsoft.Extensions.Logging.Abstractions"], dependencies.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(PackedFeed.SqlitePackageId, "Microsoft.Data.Sqlite")]
    [InlineData(PackedFeed.MemoryCachePackageId, "Microsoft.Extensions.Caching.Memory")]
    [InlineData(PackedFeed.HostingPackageId, "Microsoft.Extensions.Hosting.Abstractions")]
    [InlineData(PackedFeed.RedisPackageId, "StackExchange.Redis")]
    [InlineData(PackedFeed.DistributedPackageId, "Microsoft.Extensions.Caching.Abstractions")]
    public void An_engine_package_holds_its_assembly_and_depends_on_exactly_its_TwatCache_Fody(string id, string engineDependency)
    {
        using (var package = ZipFile.OpenRead(feed.PackageOf(id)))
        {
            var files = package.Entries.Select(entry => entry.FullName).Where(name => !IsPackagingMetadata(name)).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(["LICENSE", "README.md", $"{id}.nuspec", $"lib/net10.0/{id}.dll", $"lib/net10.0/{id}.xml"], files);
        }

        var dependencies = Dependencies(Metadata(feed.PackageOf(id), id));

        // Exactly: an engine package reaches the core's internals, which change between versions.
        Assert.Equal($"[{feed.Version}]", (string?)dependencies[PackedFeed.PackageId].Attribute("version"));
        Assert.Contains(engineDependency, dependencies.Keys);
        Assert.DoesNotContain("Fody", dependencies.Keys);
    }

    [Fact]
    public void The_hosting_package_asks_for_the_lowest_10_0_abstractions_so_no_app_is_downgraded()
    {
        var dependencies = Dependencies(Metadata(feed.PackageOf(PackedFeed.HostingPackageId), PackedFeed.HostingPackageId));

        // The same 10.0.0 as the core's Microsoft.Extensions.Logging.Abstractions: an app on any 10.0.x keeps its own (no NU1605).
        Assert.Equal("10.0.0", (string?)dependencies["Microsoft.Extensions.Hosting.Abstractions"].Attribute("version"));
        Assert.Equal("10.0.0", (string?)dependencies["Microsoft.Extensions.Configuration.Abstractions"].Attribute("version"));
    }

    [Fact]
    public void The_distributed_package_asks_for_the_lowest_10_0_abstractions_too()
    {
        var dependencies = Dependencies(Metadata(feed.PackageOf(PackedFeed.DistributedPackageId), PackedFeed.DistributedPackageId));

        Assert.Equal("10.0.0", (string?)dependencies["Microsoft.Extensions.Caching.Abstractions"].Attribute("version"));
        Assert.Equal("10.0.0", (string?)dependencies["Microsoft.Extensions.Hosting.Abstractions"].Attribute("version"));
    }

    static XElement Metadata(string packagePath, string id)
    {
        using var package = ZipFile.OpenRead(packagePath);
        var nuspec = XDocument.Load(package.GetEntry(id + ".nuspec")!.Open());
        return nuspec.Root!.Elements().Single(element => element.Name.LocalName == "metadata");
    }

    static System.Collections.Generic.Dictionary<string, XElement> Dependencies(XElement metadata) =>
        metadata.Descendants().Where(element => element.Name.LocalName == "dependency").ToDictionary(element => (string)element.Attribute("id")!);

    static string? Value(XElement metadata, string name) => metadata.Elements().SingleOrDefault(element => element.Name.LocalName == name)?.Value;

    // The zip parts NuGet itself adds to every package.
    static bool IsPackagingMetadata(string name) => name.StartsWith("_rels/", StringComparison.Ordinal)
        || name.StartsWith("package/", StringComparison.Ordinal) || name == "[Content_Types].xml";
}
