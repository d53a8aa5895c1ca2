using System;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using Mono.Cecil.Cil;

namespace TwatCache.Fody.Selection;

/// <summary>
/// Where <c>&lt;TwatCache /&gt;</c> was written, so a bad setting's error opens FodyWeavers.xml at its line. Fody hands
/// the weaver the element, not its file: the file is the project's FodyWeavers.xml or else the solution's (the
/// project's wins, as in Fody) whose element has the same settings. Configuration from the WeaverConfiguration
/// MSBuild property matches neither file, and its errors carry no location.
/// </summary>
sealed class ProjectDefaultsFile
{
    const string FileName = "FodyWeavers.xml";

    readonly string path;
    readonly XElement element;

    ProjectDefaultsFile(string path, XElement element)
    {
        this.path = path;
        this.element = element;
    }

    public static ProjectDefaultsFile? Find(XElement? config, params string?[] directories)
    {
        if (config is null)
        {
            return null;
        }

        foreach (var directory in directories.Where(d => !string.IsNullOrEmpty(d)))
        {
            var path = Path.Combine(directory, FileName);
            var element = TryLoad(path)?.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == config.Name.LocalName);
            if (element is not null)
            {
                return SameSettings(element, config) ? new ProjectDefaultsFile(path, element) : null;
            }
        }

        return null;
    }

    /// <summary>The line of <paramref name="setting"/> (or of the element, for a problem that names no attribute).</summary>
    public SequencePoint PointOf(string? setting)
    {
        IXmlLineInfo line = element.Attributes().FirstOrDefault(a => a.Name.LocalName == setting) as IXmlLineInfo ?? element;
        return new SequencePoint(Instruction.Create(OpCodes.Nop), new Document(path))
        {
            StartLine = line.LineNumber,
            StartColumn = line.LinePosition,
            EndLine = line.LineNumber,
            EndColumn = line.LinePosition,
        };
    }

    static XDocument? TryLoad(string path)
    {
        try
        {
            return File.Exists(path) ? XDocument.Load(path, LoadOptions.SetLineInfo) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or XmlException)
        {
            // Fody read this file a moment ago; if it cannot be read now, the error simply has no location.
            return null;
        }
    }

    static bool SameSettings(XElement a, XElement b) =>
        Settings(a).SequenceEqual(Settings(b)) && a.Elements().Count() == b.Elements().Count();

    static string[] Settings(XElement element) =>
        element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => a.Name + "=" + a.Value).OrderBy(s => s, StringComparer.Ordinal).ToArray();
}
