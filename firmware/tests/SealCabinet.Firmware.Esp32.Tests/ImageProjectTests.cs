using System.Xml.Linq;

namespace SealCabinet.Firmware.Esp32.Tests;

/// <summary>The deployable .nfproj: one shared source list, references that match packages.config exactly.</summary>
[TestFixture]
public sealed class ImageProjectTests
{
    private static readonly XNamespace Msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";

    [Test]
    public void Image_project_imports_the_core_source_list_and_lists_no_core_file_itself()
    {
        XDocument project = XDocument.Load(Path.Combine(RepositoryFiles.Esp32Directory, "SealCabinet.Firmware.Esp32.nfproj"));
        string[] imports = [.. project.Descendants(Msbuild + "Import").Select(i => (string)i.Attribute("Project")!).Where(p => p.EndsWith(".projitems", StringComparison.Ordinal))];
        string[] compiles = [.. project.Descendants(Msbuild + "Compile").Select(c => (string)c.Attribute("Include")!)];

        Assert.That(imports, Is.EqualTo(new[] { @"..\SealCabinet.Firmware.Core\SealCabinet.Firmware.Core.projitems" }));
        Assert.That(compiles, Is.EqualTo(new[] { @"Board\**\*.cs", "Program.cs" }));
    }

    [Test]
    public void Image_project_and_check_project_compile_the_same_board_sources()
    {
        XDocument check = XDocument.Load(Path.Combine(RepositoryFiles.Esp32Directory, "SealCabinet.Firmware.Esp32.Check.csproj"));
        string[] checkCompiles = [.. check.Descendants("Compile").Select(c => ((string)c.Attribute("Include")!).Replace('/', '\\'))];
        string[] checkImports = [.. check.Descendants("Import").Select(i => ((string)i.Attribute("Project")!).Replace('/', '\\'))];

        Assert.That(checkCompiles, Is.EqualTo(new[] { @"Board\**\*.cs", "Program.cs" }));
        Assert.That(checkImports, Is.EqualTo(new[] { @"..\SealCabinet.Firmware.Core\SealCabinet.Firmware.Core.projitems" }));
    }

    [Test]
    public void Every_image_reference_points_into_a_package_pinned_in_packages_config()
    {
        XDocument packages = XDocument.Load(Path.Combine(RepositoryFiles.Esp32Directory, "packages.config"));
        HashSet<string> pinned = [.. packages.Descendants("package").Select(p => (string)p.Attribute("id")! + "." + (string)p.Attribute("version")!)];
        XDocument project = XDocument.Load(Path.Combine(RepositoryFiles.Esp32Directory, "SealCabinet.Firmware.Esp32.nfproj"));
        string[] hintFolders = [.. project.Descendants(Msbuild + "HintPath").Select(h => h.Value.Split('\\')[2])];

        Assert.That(hintFolders, Is.Not.Empty);
        Assert.That(hintFolders.Where(f => !pinned.Contains(f)), Is.Empty);
        Assert.That(pinned, Does.Contain("nanoFramework.CoreLibrary.1.17.11"));
    }

    [Test]
    public void Packages_config_pins_exact_versions_for_the_nanoFramework_target()
    {
        XDocument packages = XDocument.Load(Path.Combine(RepositoryFiles.Esp32Directory, "packages.config"));
        XElement[] entries = [.. packages.Descendants("package")];

        Assert.That(entries, Is.Not.Empty);
        Assert.That(entries.Where(e => (string)e.Attribute("targetFramework")! != "netnano1.0"), Is.Empty);
        Assert.That(entries.Where(e => !System.Text.RegularExpressions.Regex.IsMatch((string)e.Attribute("version")!, @"^\d+\.\d+\.\d+$")), Is.Empty);
    }
}
