namespace SealCabinet.Firmware.MessageGen;

/// <summary>A .proto line the generator cannot read, or a message it cannot express; the build fails with it.</summary>
internal sealed class ProtoParseException : Exception
{
    public ProtoParseException(string message)
        : base(message)
    {
    }

    public ProtoParseException(string path, int line, string message)
        : base(path + "(" + line.ToString(System.Globalization.CultureInfo.InvariantCulture) + "): " + message)
    {
    }
}
