using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace SealCabinet.Firmware.Esp32.Tests;

/// <summary>The Firmware-Check build of core + board layer + Program obeys the nanoFramework rules.</summary>
[TestFixture]
public sealed class CheckBuildMetadataTests
{
    [Test]
    public void Check_build_references_only_nanoFramework_mscorlib_and_the_stand_in()
    {
        using MetadataView check = new(RepositoryFiles.CheckAssemblyPath);

        Assert.That(check.AssemblyReferenceNames(), Is.EqualTo(new[] { "mscorlib", "SealCabinet.Firmware.Esp32.StandIn" }));
    }

    [Test]
    public void Stand_in_references_only_nanoFramework_mscorlib()
    {
        using MetadataView standIn = new(RepositoryFiles.StandInAssemblyPath);

        Assert.That(standIn.AssemblyReferenceNames(), Is.EqualTo(new[] { "mscorlib" }));
    }

    [TestCase("SealCabinet.Firmware.Esp32.Check.dll")]
    [TestCase("SealCabinet.Firmware.Esp32.StandIn.dll")]
    public void Build_declares_no_generic_parameters(string assembly)
    {
        using MetadataView view = new(Path.Combine(AppContext.BaseDirectory, assembly));

        Assert.That(view.Reader.GetTableRowCount(TableIndex.GenericParam), Is.Zero);
    }

    [TestCase("SealCabinet.Firmware.Esp32.Check.dll")]
    [TestCase("SealCabinet.Firmware.Esp32.StandIn.dll")]
    public void Build_instantiates_no_generic_type_or_method(string assembly)
    {
        using MetadataView view = new(Path.Combine(AppContext.BaseDirectory, assembly));
        MetadataReader reader = view.Reader;
        List<string> instantiations = [];
        foreach (TypeSpecificationHandle handle in Enumerable.Range(1, reader.GetTableRowCount(TableIndex.TypeSpec)).Select(MetadataTokens.TypeSpecificationHandle))
        {
            BlobReader blob = reader.GetBlobReader(reader.GetTypeSpecification(handle).Signature);
            if (blob.ReadSignatureTypeCode() == SignatureTypeCode.GenericTypeInstance)
            {
                instantiations.Add("TypeSpec " + MetadataTokens.GetRowNumber(handle));
            }
        }

        Assert.That(instantiations, Is.Empty);
        Assert.That(reader.GetTableRowCount(TableIndex.MethodSpec), Is.Zero);
    }

    [Test]
    public void Check_build_uses_the_stand_in_for_every_nanoFramework_package_type_it_needs()
    {
        using MetadataView check = new(RepositoryFiles.CheckAssemblyPath);
        string[] fromStandIn = [.. check.Reader.TypeReferences
            .Where(h => check.ReferenceAssembly(h) == "SealCabinet.Firmware.Esp32.StandIn")
            .Select(check.ReferenceName)];

        Assert.That(fromStandIn, Does.Contain("nanoFramework.M2Mqtt.MqttClient"));
        Assert.That(fromStandIn, Does.Contain("System.Net.Http.HttpClient"));
        Assert.That(fromStandIn, Does.Contain("System.Device.Gpio.GpioPin"));
        Assert.That(fromStandIn, Does.Contain("System.Security.Cryptography.HMACSHA256"));
    }
}
