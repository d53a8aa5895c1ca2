using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace TwatCache.Fody;

/// <summary>
/// Reads the <c>&lt;TwatCache /&gt;</c> element of FodyWeavers.xml. Every attribute and child element must be
/// a known setting: a misspelt one would otherwise be silently ignored.
/// </summary>
static class WeaverConfig
{
    /// <summary>The settings this version understands (see TwatCache.Fody.xcf).</summary>
    static readonly string[] KnownSettings = [];

    /// <summary>The problems found, one sentence each; empty when the configuration is valid.</summary>
    public static IEnumerable<string> Validate(XElement? config)
    {
        if (config is null)
        {
            yield break;
        }

        foreach (var attribute in config.Attributes().Where(a => !a.IsNamespaceDeclaration && !KnownSettings.Contains(a.Name.LocalName)))
        {
            yield return $"FodyWeavers.xml: <TwatCache> has no setting '{attribute.Name.LocalName}' (value '{attribute.Value}'). {Known()}";
        }

        foreach (var element in config.Elements())
        {
            yield return $"FodyWeavers.xml: <TwatCache> has no child element <{element.Name.LocalName}>. {Known()}";
        }
    }

    static string Known() => KnownSettings.Length == 0
        ? "This version has no settings: write <TwatCache />."
        : "Known settings: " + string.Join(", ", KnownSettings) + ".";
}
