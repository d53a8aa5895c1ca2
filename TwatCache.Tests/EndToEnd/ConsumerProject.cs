using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TwatCache.Tests.EndToEnd;

/// <summary>
/// A user's brand-new console project in a temporary folder, with TwatCache.Fody (and any engine packages asked
/// for) added from the local feed the way a user adds them (<c>dotnet new console</c>, <c>dotnet add package</c>). Its nuget.config adds the feed
/// to the machine's usual sources (Fody and the runtime's dependencies come from there). The folder is
/// deleted, whatever happened, when the project is disposed.
/// </summary>
public sealed class ConsumerProject : IDisposable
{
    public const string Name = "Consumer";

    ConsumerProject(string folder) => Folder = folder;

    public string Folder { get; }

    /// <param name="feed">The packed packages.</param>
    /// <param name="enginePackages">Engine packages to add besides TwatCache.Fody, e.g. <see cref="PackedFeed.SqlitePackageId"/>.</param>
    public static ConsumerProject Create(PackedFeed feed, params string[] enginePackages)
    {
        var project = new ConsumerProject(Path.Combine(Path.GetTempPath(), "twatcache-e2e", "consumer-" + Guid.NewGuid().ToString("N")));
        try
        {
            Directory.CreateDirectory(project.Folder);
            project.Dotnet("new", "console", "--name", Name, "--output", ".", "--no-restore");
            // No <clear />: the feed comes in addition to the sources the machine already has.
            project.Write("nuget.config", $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="twatcache-e2e" value="{feed.Folder}" />
                  </packageSources>
                </configuration>
                """);
            project.Dotnet("add", "package", PackedFeed.PackageId, "--version", feed.Version);
            foreach (var package in enginePackages)
            {
                project.AddPackage(feed, package);
            }

            return project;
        }
        catch
        {
            project.Dispose();
            throw;
        }
    }

    /// <summary><c>dotnet add package</c> of one of the feed's packages, as a user adds an engine package later.</summary>
    public void AddPackage(PackedFeed feed, string package) => Dotnet("add", "package", package, "--version", feed.Version);

    public string PathOf(string relativePath) => Path.Combine(Folder, relativePath);

    public void Write(string relativePath, string text) => File.WriteAllText(PathOf(relativePath), text);

    public string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public bool Exists(string relativePath) => File.Exists(PathOf(relativePath));

    /// <summary>Deletes the C# files the template wrote, for tests that bring their own.</summary>
    public void RemoveSources()
    {
        foreach (var file in Directory.GetFiles(Folder, "*.cs"))
        {
            File.Delete(file);
        }
    }

    /// <summary>The weaver's configuration file, as a user writes it: <c>&lt;Weavers&gt;&lt;TwatCache /&gt;&lt;/Weavers&gt;</c> by default.</summary>
    public void WriteWeavers(string weavers = "<TwatCache />") => Write("FodyWeavers.xml", $"<Weavers>\n  {weavers}\n</Weavers>\n");

    /// <summary><c>dotnet build</c>; throws with the whole output when the build fails.</summary>
    public DotnetResult Build() => Dotnet("build", "--no-restore", "-nologo");

    /// <summary><c>dotnet build</c>, returned whatever its outcome, for tests of failing builds.</summary>
    public DotnetResult TryBuild() => DotnetCommand.TryRun(Folder, ["build", "--no-restore", "-nologo"]);

    /// <summary>Runs the built program (no second build) and returns what it printed.</summary>
    public DotnetResult Run() => Dotnet("run", "--no-build");

    /// <summary>Runs the built program as a new process with extra environment variables (e.g. <c>TWATCACHE_DIR</c>).</summary>
    public DotnetResult Run(IReadOnlyDictionary<string, string> environment) => DotnetCommand.Run(Folder, ["run", "--no-build"], environment);

    /// <summary><c>dotnet build --no-incremental</c>: compiles and weaves again whatever changed, as a clean build does.</summary>
    public DotnetResult Rebuild() => Dotnet("build", "--no-restore", "-nologo", "--no-incremental");

    /// <summary>The bytes of the built (woven) program assembly.</summary>
    public byte[] BuiltAssembly() => File.ReadAllBytes(Directory.GetFiles(PathOf("bin"), Name + ".dll", SearchOption.AllDirectories).Single());

    /// <summary>Replaces <paramref name="oldText"/> (which must occur) in a source file, as a user's edit.</summary>
    public void Edit(string relativePath, string oldText, string newText)
    {
        var text = Read(relativePath);
        if (!text.Contains(oldText, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{relativePath} does not contain '{oldText}'.", nameof(oldText));
        }

        Write(relativePath, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    /// <summary>
    /// Whether TwatCache wove the built program: woven methods call the runtime's <c>TwatCache.Sites</c>
    /// types, which no user code names, so a build that merely compiled (Fody not imported, the weaver not
    /// registered) has no reference to them.
    /// </summary>
    public bool IsWovenByTwatCache()
    {
        var assembly = Directory.GetFiles(PathOf("bin"), Name + ".dll", SearchOption.AllDirectories).Single();
        using var module = Mono.Cecil.ModuleDefinition.ReadModule(assembly);
        return module.GetTypeReferences().Any(type => type.Namespace == "TwatCache.Sites");
    }

    public DotnetResult Dotnet(params IEnumerable<string> arguments) => DotnetCommand.Run(Folder, arguments.ToList());

    public void Dispose() => PackedFeed.DeleteFolder(Folder);
}
