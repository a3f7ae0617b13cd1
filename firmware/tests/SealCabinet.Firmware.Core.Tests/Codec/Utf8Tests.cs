using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Tests.Codec;

/// <summary>The hand-written UTF-8 (nanoFramework's mscorlib has no Encoding) against .NET's.</summary>
[TestFixture]
public sealed class Utf8Tests
{
    [FsCheck.NUnit.Property(MaxTest = 1000)]
    public FsCheck.Property Any_string_encodes_like_dotnet_including_lone_surrogates(string? text)
    {
        byte[] expected = Encoding.UTF8.GetBytes(text ?? string.Empty);

        return Prop.Label(Utf8.GetBytes(text).SequenceEqual(expected) && Utf8.GetByteCount(text) == expected.Length, text ?? "<null>");
    }

    [FsCheck.NUnit.Property(MaxTest = 1000)]
    public FsCheck.Property Well_formed_utf8_decodes_like_dotnet(NonNull<string> text)
    {
        string wellFormed = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text.Get));
        byte[] bytes = Encoding.UTF8.GetBytes(wellFormed);

        return Prop.Label(Utf8.Decode(bytes, 0, bytes.Length) == wellFormed, wellFormed);
    }

    [FsCheck.NUnit.Property(MaxTest = 2000)]
    public FsCheck.Property Random_bytes_decode_like_a_strict_dotnet_decoder_or_are_refused(byte[] bytes)
    {
        UTF8Encoding strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        string? expected;
        try
        {
            expected = strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            expected = null;
        }

        string? actual;
        try
        {
            actual = Utf8.Decode(bytes, 0, bytes.Length);
        }
        catch (ProtoDecodeException)
        {
            actual = null;
        }

        return Prop.Label(actual == expected, Convert.ToHexString(bytes));
    }
}
