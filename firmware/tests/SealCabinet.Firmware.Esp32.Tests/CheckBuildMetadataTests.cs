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

    [Test]
    public void The_board_layer_sets_no_native_gpio_debounce_so_the_core_debouncer_is_the_only_one()
    {
        using MetadataView check = new(RepositoryFiles.CheckAssemblyPath);
        string[] gpioPinMembers = [.. check.Reader.MemberReferences
            .Select(check.Reader.GetMemberReference)
            .Where(m => m.Parent.Kind == HandleKind.TypeReference && check.ReferenceName((TypeReferenceHandle)m.Parent) == "System.Device.Gpio.GpioPin")
            .Select(m => check.Reader.GetString(m.Name))];

        Assert.That(gpioPinMembers, Does.Contain("add_ValueChanged"), "the inputs are GpioPins");
        Assert.That(gpioPinMembers, Has.None.Contains("Debounce"), "press_debounce_ms in the core is the one debounce (docs/firmware.md)");
    }

    [Test]
    public void Check_build_never_turns_an_enum_into_text_because_nanoFramework_prints_the_number()
    {
        HashSet<string> standInEnums = EnumTextScanner.EnumsDefinedIn(RepositoryFiles.StandInAssemblyPath);

        List<string> found = EnumTextScanner.Find(RepositoryFiles.CheckAssemblyPath, standInEnums);

        Assert.That(standInEnums, Does.Contain("System.Device.Gpio.PinMode"), "the stand-in's enums are known to the scan");
        Assert.That(found, Is.Empty, "map the value to its name explicitly (a switch), never ToString/concatenate an enum");
    }

    [Test]
    public void The_enum_scan_names_concatenation_formatting_and_ToString_of_an_enum()
    {
        // Positive control: EnumTextSamples below does all three, in this very test assembly.
        List<string> found = EnumTextScanner.Find(typeof(EnumTextSamples).Assembly.Location, new HashSet<string>());

        const string Samples = "SealCabinet.Firmware.Esp32.Tests.EnumTextSamples";
        Assert.That(found, Does.Contain(Samples + ".Concatenated calls a method on " + Samples + "/Colour"));
        Assert.That(found, Does.Contain(Samples + ".Formatted boxes " + Samples + "/Colour"));
        Assert.That(found, Does.Contain(Samples + ".Called calls a method on " + Samples + "/Colour"));
        Assert.That(found.Where(f => f.Contains(".Mapped ", StringComparison.Ordinal)), Is.Empty, "an explicit mapping is not reported");
    }
}

/// <summary>Code the enum scan must (and must not) report.</summary>
internal static class EnumTextSamples
{
    public enum Colour
    {
        Red,
        Green,
    }

    public static string Concatenated(Colour colour) => "colour " + colour;

    public static string Formatted(Colour colour) => string.Format(System.Globalization.CultureInfo.InvariantCulture, "colour {0}", colour);

    public static string Called(Colour colour) => colour.ToString();

    public static string Mapped(Colour colour) => colour == Colour.Red ? "red" : "green";
}
