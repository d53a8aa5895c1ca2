using System;
using Mono.Cecil;

namespace TwatCache.Fody.Selection;

/// <summary>Reads the named arguments of a cache attribute into <see cref="CacheSettings"/>.</summary>
static class SettingsReader
{
    public static CacheSettings Read(CustomAttribute attribute)
    {
        var settings = new CacheSettings();
        foreach (var named in attribute.Properties)
        {
            var value = named.Argument.Value;
            switch (named.Name)
            {
                case "MaxSize":
                    settings.MaxSize = Convert.ToInt32(value);
                    break;
                case "Ttl":
                    settings.Ttl = Convert.ToDouble(value);
                    break;
                case "FailSafe":
                    settings.FailSafe = Convert.ToDouble(value);
                    break;
                case "Policy":
                    settings.Policy = (EvictionPolicy)Convert.ToInt32(value);
                    break;
                case "Backend":
                    settings.Backend = (MemoryBackend)Convert.ToInt32(value);
                    break;
                case "Folder":
                    settings.Folder = value as string;
                    break;
                case "Version":
                    settings.Version = value as string;
                    break;
                case "PreferredEngine":
                    settings.PreferredEngine = (CacheEngine)Convert.ToInt32(value);
                    break;
                case "Compress":
                    settings.Compress = Convert.ToBoolean(value);
                    break;
                case "SkipWhen":
                    settings.SkipWhen = value as string;
                    break;
            }
        }

        return settings;
    }
}
