namespace SealCabinet.Ledger.Bundles;

/// <summary>
/// The few fields of a cabinet's event the approvals check needs, read straight from the <c>SignedEvent</c> protobuf
/// bytes of a <c>device.event</c> entry (device.proto: SignedEvent.event = 1; DeviceEvent.type = 5,
/// grant_counter = 19, approval_digest = 22), so the library needs no generated contract code.
/// </summary>
internal sealed record DeviceEventFields(long Type, ulong GrantCounter, byte[] ApprovalDigest)
{
    /// <summary>EventType.GRANT_ACCEPTED.</summary>
    public const long GrantAccepted = 3;

    /// <summary>EventType.SLEEVE_UNLOCKED: the stamp button opened the sleeve, the stamping begins.</summary>
    public const long SleeveUnlocked = 5;

    /// <summary>The fields, or null when the bytes are not a well-formed SignedEvent.</summary>
    public static DeviceEventFields? TryRead(ReadOnlySpan<byte> signedEvent)
    {
        var inner = Field(signedEvent, 1, out var found);
        if (!found)
        {
            return null;
        }

        long type = 0;
        ulong counter = 0;
        byte[] digest = [];
        var position = 0;
        while (position < inner.Length)
        {
            if (!TryVarint(inner, ref position, out var tag))
            {
                return null;
            }

            var number = tag >> 3;
            switch (tag & 7)
            {
                case 0:
                    if (!TryVarint(inner, ref position, out var value))
                    {
                        return null;
                    }

                    if (number == 5)
                    {
                        type = (long)value;
                    }
                    else if (number == 19)
                    {
                        counter = value;
                    }

                    break;
                case 2:
                    if (!TryVarint(inner, ref position, out var length) || length > (ulong)(inner.Length - position))
                    {
                        return null;
                    }

                    if (number == 22)
                    {
                        digest = inner.Slice(position, (int)length).ToArray();
                    }

                    position += (int)length;
                    break;
                case 1:
                    position += 8;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    return null;
            }
        }

        return position == inner.Length ? new DeviceEventFields(type, counter, digest) : null;
    }

    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> message, ulong wanted, out bool found)
    {
        found = false;
        var position = 0;
        while (position < message.Length)
        {
            if (!TryVarint(message, ref position, out var tag) || (tag & 7) != 2
                || !TryVarint(message, ref position, out var length) || length > (ulong)(message.Length - position))
            {
                return [];
            }

            if (tag >> 3 == wanted)
            {
                found = true;
                return message.Slice(position, (int)length);
            }

            position += (int)length;
        }

        return [];
    }

    private static bool TryVarint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < data.Length; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
