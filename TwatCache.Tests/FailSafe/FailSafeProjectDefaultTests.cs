using System.Xml.Linq;
using TwatCache.Tests.Infrastructure;
using TwatCache.Tests.Snapshots;

namespace TwatCache.Tests.FailSafe;

/// <summary>
/// FailSafe as a project default (FodyWeavers.xml's &lt;TwatCache FailSafe="300" /&gt;): AssemblyToProcess woven again.
/// It reaches the methods with a Ttl that set no FailSafe of their own, and no other: a method without a Ttl would be a
/// build error with it, and a default must never turn a valid method into one.
/// </summary>
public class FailSafeProjectDefaultTests
{
    static readonly WovenAssembly Woven =
        WovenAssembly.Weave("AssemblyToProcess", "AssemblyToProcessWithFailSafe", weaver => weaver.Config = XElement.Parse("""<TwatCache FailSafe="300" />"""));

    [Fact]
    public void The_default_reaches_only_methods_with_a_Ttl_and_no_FailSafe_of_their_own()
    {
        Assert.Empty(Woven.Result.Errors);
        var settings = WovenCode.Decompile(Woven.WovenPath, "AssemblyToProcess.Settings");
        Assert.Contains("Ttl = 60.0,\n            FailSafe = 300.0", settings.ReplaceLineEndings("\n"));
        Assert.Contains("FailSafe = 60.0", WovenCode.Decompile(Woven.WovenPath, "AssemblyToProcess.FailSafeMethods"));
        Assert.DoesNotContain("FailSafe", WovenCode.Decompile(Woven.WovenPath, "AssemblyToProcess.StaticMethods"));
    }
}
