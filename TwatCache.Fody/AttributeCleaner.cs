using System.Linq;
using Mono.Cecil;
using TwatCache.Fody.Selection;

namespace TwatCache.Fody;

/// <summary>
/// Removes our compile-time attributes from the woven module: they have done their work, and left in
/// place they would suggest caching happens by reflection. The runtime reference stays.
/// </summary>
static class AttributeCleaner
{
    public static void Clean(ModuleDefinition module)
    {
        foreach (var type in module.GetTypes())
        {
            Remove(type);
            foreach (var method in type.Methods)
            {
                Remove(method);
                foreach (var parameter in method.Parameters)
                {
                    Remove(parameter);
                }
            }

            foreach (var property in type.Properties)
            {
                Remove(property);
            }
        }
    }

    static void Remove(ICustomAttributeProvider provider)
    {
        if (!provider.HasCustomAttributes)
        {
            return;
        }

        foreach (var attribute in provider.CustomAttributes.Where(a => AttributeNames.All.Contains(a.AttributeType.FullName)).ToList())
        {
            provider.CustomAttributes.Remove(attribute);
        }
    }
}
