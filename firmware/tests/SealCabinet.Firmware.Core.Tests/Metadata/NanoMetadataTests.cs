using System.Reflection;
using SealCabinet.Firmware.Core.Tests.Support;

namespace SealCabinet.Firmware.Core.Tests.Metadata;

/// <summary>
/// The nanoFramework build of the core must load on the stable runtime: no generics anywhere and no
/// reference outside mscorlib. Compiling against nanoFramework's mscorlib does not catch user-defined
/// generics, so the metadata of that build is inspected here.
/// </summary>
[TestFixture]
public sealed class NanoMetadataTests
{
    private static string NanoAssemblyPath =>
        typeof(NanoMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NanoAssemblyPath").Value!;

    [Test]
    public void The_nanoframework_build_has_no_generics_and_references_only_mscorlib()
    {
        Assert.That(File.Exists(NanoAssemblyPath), Is.True, $"build firmware/SealCabinet.Firmware.Core/SealCabinet.Firmware.Core.Nano.csproj first ({NanoAssemblyPath})");

        List<string> violations = NanoMetadataInspector.FindViolations(NanoAssemblyPath);

        Assert.That(violations, Is.Empty, string.Join(Environment.NewLine, violations));
    }

    [Test]
    public void The_nanoframework_build_contains_the_whole_shared_core()
    {
        using FileStream stream = File.OpenRead(NanoAssemblyPath);
        using System.Reflection.PortableExecutable.PEReader pe = new(stream);
        System.Reflection.Metadata.MetadataReader md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        HashSet<string> names = md.TypeDefinitions.Select(t => md.GetString(md.GetTypeDefinition(t).Name)).ToHashSet();

        Assert.That(names, Is.SupersetOf(new[] { "CabinetFirmware", "ProtoReader", "Sha256", "EventJournal", "GrantVerifier", "SleeveController", "GrpcWebClient", "ProvisioningFile" }));
        Assert.That(names, Does.Not.Contain("InMemoryFlashStore"), "host-only helpers must stay out of the device build");
    }

    [Test]
    public void The_host_build_of_the_core_is_the_shared_core_alone_and_references_only_the_runtime()
    {
        // The host's seams live in SealCabinet.Firmware.Host: the core's host build compiles exactly the shared
        // source list, so it defines the same types as the nanoFramework build and pulls in no package.
        Assembly core = typeof(SealCabinet.Firmware.Core.Firmware.CabinetFirmware).Assembly;

        Assert.That(CoreTypeNames(core.Location), Is.EquivalentTo(CoreTypeNames(NanoAssemblyPath)));
        Assert.That(core.GetReferencedAssemblies().Select(a => a.Name), Has.All.Matches<string>(n => n == "netstandard" || n.StartsWith("System", StringComparison.Ordinal)));
    }

    [Test]
    public void The_inspection_names_the_generic_members_and_foreign_references_of_an_assembly_that_has_them()
    {
        // Positive control: this test assembly is full of generics and references beyond mscorlib.
        List<string> violations = NanoMetadataInspector.FindViolations(typeof(NanoMetadataTests).Assembly.Location);

        Assert.That(violations, Has.Some.StartsWith("assembly reference "));
        Assert.That(violations, Has.Some.Contains("System.Collections.Generic.List`1<String>"));
        Assert.That(violations, Has.Some.Contains("NanoMetadataInspector.FindViolations"));
        Assert.That(violations, Has.Some.StartsWith("generic method ").Or.Some.StartsWith("generic type "));
    }

    /// <summary>Full names of the types an assembly defines in the core's namespaces (compiler-made attributes left out).</summary>
    private static List<string> CoreTypeNames(string assemblyPath)
    {
        using FileStream stream = File.OpenRead(assemblyPath);
        using System.Reflection.PortableExecutable.PEReader pe = new(stream);
        System.Reflection.Metadata.MetadataReader md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return md.TypeDefinitions
            .Select(t => md.GetTypeDefinition(t))
            .Select(t => md.GetString(t.Namespace) + "." + md.GetString(t.Name))
            .Where(n => n.StartsWith("SealCabinet.Firmware.Core", StringComparison.Ordinal))
            .ToList();
    }
}
