using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace TwatCache.Persistence.Engines;

/// <summary>
/// [FCache]: <c>method.json</c> in a method's folder, <c>{"name":"MyApp.Images::Render(System.Int32)"}</c>. The
/// folder is named by a hash of that identity, so without this file nobody (the twat-cache tool, a person
/// with <c>ls</c>) could tell whose entries they are. Written when a store opens, only if missing or
/// different, atomically (temporary file, then rename) so a reader never sees half of it; kept by Clear.
/// </summary>
internal static class MethodManifest
{
    public const string FileName = "method.json";

    public static void Write(string methodFolder, string name)
    {
        var path = Path.Combine(methodFolder, FileName);
        if (Read(methodFolder) == name)
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
    public static string? Read(string methodFolder)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(methodFolder, FileName)));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("name", out var name)
                && name.ValueKind == JsonValueKind.String
                ? name.GetString()
                : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }
}
