using System;
using System.IO;
using Fody;

namespace TwatCache.Tests.Weaving;

/// <summary>Weaving is deterministic: the same input gives byte-identical output.</summary>
public class DeterminismTests
{
    [Fact]
    public void Weaving_the_same_assembly_twice_gives_identical_bytes()
    {
        var first = WeaveCopy();
        var second = WeaveCopy();
        try
        {
            Assert.True(File.ReadAllBytes(first.Woven).AsSpan().SequenceEqual(File.ReadAllBytes(second.Woven)),
                "two weaves of the same AssemblyToProcess.dll differ");
        }
        finally
        {
            Directory.Delete(first.Folder, recursive: true);
            Directory.Delete(second.Folder, recursive: true);
        }
    }

    static (string Folder, string Woven) WeaveCopy()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
        var folder = Directory.CreateTempSubdirectory("twatcache-determinism-").FullName;
        foreach (var file in new[] { "AssemblyToProcess.dll", "AssemblyToProcess.pdb" })
        {
            File.Copy(Path.Combine(fixtures, file), Path.Combine(folder, file));
        }

        // The runtime beside the copy, as beside the original, so the weaver resolves the same references.
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TwatCache.Runtime.dll"), Path.Combine(folder, "TwatCache.Runtime.dll"));
        var result = new ModuleWeaver().ExecuteTestRun(Path.Combine(folder, "AssemblyToProcess.dll"), runPeVerify: false);
        Assert.Empty(result.Errors);
        return (folder, Path.Combine(folder, "fodytemp", "AssemblyToProcess.dll"));
    }
}
