using System;
using System.IO;
using System.Text;
using System.Text.Json;
using TwatCache.Storage;

namespace TwatCache.Engines.Files;

/// <summary>
/// [FCache]: <c>method.json</c> in a method's folder, <c>{"name":"MyApp.Images::Render(System.Int32)","build":"…"}</c>.
/// The folder is named by a hash of that identity, so without this file nobody (the twat-cache tool, a person
/// with <c>ls</c>) could tell whose entries they are. <c>build</c> is the build tag of the store that opened the
/// folder last (<see cref="Keys.Stable.PersistentKeyBuilder{TKey}.BuildTag"/>): a store that finds another one there
/// reclaims the older build's entries (<see cref="FileEviction"/>). Written when a store opens, only if missing or
/// different, atomically (temporary file, then rename) so a reader never sees half of it; kept by Clear.
/// </summary>
internal static class MethodManifest
{
    public const string FileName = "method.json";

    /// <summary>Records <paramref name="name"/> and <paramref name="build"/> (null keeps the recorded build).</summary>
    public static void Write(string methodFolder, string name, string? build = null)
    {
        var path = Path.Combine(methodFolder, FileName);
        var (recordedName, recordedBuild) = ReadBoth(methodFolder);
        build ??= recordedBuild;
        if (recordedName == name && recordedBuild == build)
        {
            return;
        }

        var temporary = path + "." + Guid.NewGuid().ToString("N") + FileEviction.TemporaryExtension;
        try
        {
            using (var stream = PrivateFileSystem.CreateNew(temporary))
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("name", name);
                if (build is not null)
                {
                    writer.WriteString("build", build);
                }
                writer.WriteEndObject();
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            FileStore.Delete(temporary);
            throw;
        }
    }

    /// <summary>The recorded identity, or null when the file is missing or unreadable (older folders, a damaged file).</summary>
    public static string? Read(string methodFolder) => ReadBoth(methodFolder).Name;

    /// <summary>The recorded build tag, or null when none is (a folder written before builds were recorded, a damaged file).</summary>
    public static string? ReadBuild(string methodFolder) => ReadBoth(methodFolder).Build;

    static (string? Name, string? Build) ReadBoth(string methodFolder)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(methodFolder, FileName)));
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (StringProperty(document.RootElement, "name"), StringProperty(document.RootElement, "build"))
                : (null, null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or DecoderFallbackException)
        {
            return (null, null);
        }
    }

    static string? StringProperty(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
