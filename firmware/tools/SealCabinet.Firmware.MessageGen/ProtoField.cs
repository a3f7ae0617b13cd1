namespace SealCabinet.Firmware.MessageGen;

/// <summary>One field of a proto3 message.</summary>
/// <param name="Name">The proto name (snake_case).</param>
/// <param name="Type">The proto type as written (scalar keyword or message/enum name).</param>
/// <param name="Number">The field number.</param>
/// <param name="Repeated">Whether it is <c>repeated</c>.</param>
/// <param name="Doc">The comment above it.</param>
internal sealed record ProtoField(string Name, string Type, int Number, bool Repeated, string Doc);
