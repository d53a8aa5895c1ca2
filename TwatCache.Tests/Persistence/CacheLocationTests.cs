using System;
using System.IO;
using TwatCache.Storage;

namespace TwatCache.Tests.Persistence;

public class CacheLocationTests
{
    [Fact]
    public void The_location_is_root_twat_cache_assembly_folder()
    {
        var root = Path.Combine(Path.GetTempPath(), "root");

        Assert.Equal(Path.Combine(root, "twat_cache", "MyApp", "images"), CacheLocation.Resolve(root, "MyApp", "images"));
        Assert.Equal(Path.Combine(root, "twat_cache", "MyApp", "images", "thumbs"), CacheLocation.Resolve(root, "MyApp", "images/thumbs"));
        Assert.Equal(Path.Combine(root, "twat_cache", "MyApp", "default"), CacheLocation.Resolve(root, "MyApp", null));
    }

    [Fact]
    public void Without_configuration_the_root_is_the_users_cache_directory()
    {
        if (Environment.GetEnvironmentVariable(CacheLocation.RootVariable) is { Length: > 0 } variable)
        {
            Assert.Equal(variable, CacheLocation.Root(null));
            return;
        }

        var root = CacheLocation.Root(null);
        Assert.True(Path.IsPathFullyQualified(root));
        if (OperatingSystem.IsLinux() && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("XDG_CACHE_HOME")))
        {
            Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), root);
        }
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/../b")]
    [InlineData("./a")]
    [InlineData("a//b")]
    [InlineData("/abs")]
    [InlineData("\\\\server\\share")]
    [InlineData("C:relative")]
    public void Folders_that_could_leave_the_cache_are_refused_naming_the_setting(string folder)
    {
        var error = Assert.Throws<ArgumentException>(() => CacheLocation.ValidateFolder(folder));

        Assert.Equal("Folder", error.ParamName);
        Assert.Contains("Folder setting", error.Message);
    }
}
