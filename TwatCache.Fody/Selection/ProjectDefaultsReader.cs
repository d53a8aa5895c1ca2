using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace TwatCache.Fody.Selection;

/// <summary>
/// Reads <c>&lt;TwatCache /&gt;</c> in FodyWeavers.xml into <see cref="ProjectDefaults"/>: one entry per setting, each
/// parsing its value and checking it with the rule the same setting obeys on an attribute. Every attribute must be a
/// known setting and no child element is allowed: a misspelt setting would otherwise be silently ignored. A new
/// setting is one entry in <see cref="Settings"/> and one attribute in TwatCache.Fody.xcf (a test compares them).
/// </summary>
static class ProjectDefaultsReader
{
    /// <summary>One setting: its name, the rule its value obeys (for the error), and how a valid value is read into the defaults.</summary>
    sealed class Setting(string name, string rule, Func<string, ProjectDefaults, bool> tryRead)
    {
        public string Name { get; } = name;

        public string Rule { get; } = rule;

        /// <summary>Sets the default and returns true, or returns false and leaves the defaults as they were.</summary>
        public bool TryRead(string value, ProjectDefaults defaults) => tryRead(value, defaults);
    }

    static readonly Setting[] Settings =
    [
        new("Folder", Messages.ProjectFolderRule, (value, defaults) =>
            MethodValidator.IsRelativeFolder(value) && Assign(() => defaults.Folder = value)),
        new("MaxSize", Messages.ProjectMaxSizeRule, (value, defaults) =>
            ParseInt(value) is { } maxSize && MethodValidator.IsValidMaxSize(maxSize) && Assign(() => defaults.MaxSize = maxSize)),
        new("Ttl", Messages.ProjectTtlRule, (value, defaults) =>
            ParseDouble(value) is { } ttl && MethodValidator.IsValidTtl(ttl) && Assign(() => defaults.Ttl = ttl)),
        new("FailSafe", Messages.ProjectFailSafeRule, (value, defaults) =>
            ParseDouble(value) is { } failSafe && MethodValidator.IsValidTtl(failSafe) && Assign(() => defaults.FailSafe = failSafe)),
        new("Policy", Messages.ProjectPolicyRule, (value, defaults) =>
            ParsePolicy(value) is { } policy && Assign(() => defaults.Policy = policy)),
        new("Disabled", Messages.ProjectBoolRule, (value, defaults) =>
            ParseBool(value) is { } disabled && Assign(() => defaults.Disabled = disabled)),
        new("DefaultEngine", Messages.ProjectDefaultEngineRule, (value, defaults) =>
            ParseEngine(value) is { } engine && Assign(() => defaults.DefaultEngine = engine)),
    ];

    /// <summary>The settings this version understands, in the order the schema lists them.</summary>
    public static IReadOnlyList<string> Names => Settings.Select(s => s.Name).ToList();

    /// <summary>
    /// The defaults, and the problems found (each naming the setting, for <see cref="ProjectDefaultsFile"/> to
    /// locate). A setting with a bad value is left unset (no method is woven with it), so weaving goes on and the user sees every error at once.
    /// </summary>
    public static ProjectDefaults Read(XElement? config, List<(string Message, string? Setting)> problems)
    {
        var defaults = new ProjectDefaults();
        if (config is null)
        {
            return defaults;
        }

        foreach (var attribute in config.Attributes().Where(a => !a.IsNamespaceDeclaration))
        {
            var name = attribute.Name.LocalName;
            var setting = attribute.Name.Namespace == XNamespace.None ? Settings.FirstOrDefault(s => s.Name == name) : null;
            if (setting is null)
            {
                problems.Add((Messages.UnknownProjectSetting(name, attribute.Value, Names), name));
                continue;
            }

            if (!setting.TryRead(attribute.Value, defaults))
            {
                problems.Add((Messages.ProjectSettingInvalid(name, attribute.Value, setting.Rule), name));
            }
        }

        foreach (var element in config.Elements())
        {
            problems.Add((Messages.ProjectSettingChildElement(element.Name.LocalName, Names), null));
        }

        return defaults;
    }

    static bool Assign(Action assign)
    {
        assign();
        return true;
    }

    // The names exactly as the attribute's enum spells them: the schema lists them, so editors complete them.
    static EvictionPolicy? ParsePolicy(string value) =>
        Enum.GetNames(typeof(EvictionPolicy)).Contains(value, StringComparer.Ordinal) ? (EvictionPolicy)Enum.Parse(typeof(EvictionPolicy), value) : null;

    // The names exactly as CacheEngine spells them (EngineChoiceRule.AvailableNames).
    static CacheEngine? ParseEngine(string value) =>
        EngineChoiceRule.AvailableNames.Contains(value, StringComparer.Ordinal) ? (CacheEngine)Enum.Parse(typeof(CacheEngine), value) : null;

    static int? ParseInt(string value) =>
        int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    static double? ParseDouble(string value) =>
        double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    // xs:boolean: true, false, 1 or 0.
    static bool? ParseBool(string value) => value.Trim() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };
}
