namespace SealCabinet.Firmware.MessageGen;

/// <summary>Everything read from a set of .proto files of one package.</summary>
internal sealed class ProtoSchema
{
    public string Package { get; set; } = string.Empty;

    public Dictionary<string, ProtoMessage> Messages { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ProtoEnum> Enums { get; } = new(StringComparer.Ordinal);
}
