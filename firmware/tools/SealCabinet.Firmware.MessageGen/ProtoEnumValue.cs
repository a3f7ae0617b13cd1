namespace SealCabinet.Firmware.MessageGen;

/// <summary>One value of a proto3 enum.</summary>
/// <param name="Name">The proto name (UPPER_SNAKE, with the enum's prefix).</param>
/// <param name="Number">The value.</param>
/// <param name="Doc">The comment above it.</param>
internal sealed record ProtoEnumValue(string Name, int Number, string Doc);
