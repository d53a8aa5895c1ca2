using System.Linq;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

public class FixturesWeaveCleanlyTests
{
    [Fact]
    public void Every_supported_shape_weaves_without_errors_or_warnings()
    {
        var result = WovenAssembly.Fixtures.Result;
        var messages = result.Errors.Concat(result.Warnings).Select(e => e.Text).ToList();
        Assert.True(messages.Count == 0, "Weaving AssemblyToProcess reported:\n" + string.Join("\n", messages));
    }
}
