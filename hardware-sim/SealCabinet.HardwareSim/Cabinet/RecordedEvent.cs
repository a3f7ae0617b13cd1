using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.HardwareSim.Cabinet;

/// <summary>An event the firmware wrote to its journal, as seen on the flash.</summary>
/// <param name="Event">The decoded event.</param>
/// <param name="SignedEventBytes">The encoded SignedEvent as journaled (what goes to the cloud).</param>
/// <param name="Boot">Which boot of the simulator wrote it (1 = first).</param>
/// <param name="AtMs">Simulation time when it was written.</param>
public sealed record RecordedEvent(DeviceEvent Event, byte[] SignedEventBytes, int Boot, long AtMs)
{
    /// <summary>The event type.</summary>
    public EventType Type => Event.Type;

    /// <summary>A one-line description for timelines.</summary>
    /// <returns>The line.</returns>
    public string Describe()
    {
        var e = Event;
        var parts = new List<string> { $"#{e.Seq}", EventNames.Of(e.Type) };
        if (e.Sleeve != 0)
        {
            parts.Add($"sleeve {e.Sleeve}");
        }

        if (e.Type is EventType.Press or EventType.SleeveRelocked or EventType.OveruseAlarm)
        {
            parts.Add($"presses {e.PressCount}");
        }

        if (e.Type == EventType.GrantRefused)
        {
            parts.Add($"reason {EventNames.Of(e.RefusalReason)}");
        }

        if (e.Type == EventType.EvidenceCaptured)
        {
            parts.Add($"{EventNames.Of(e.EvidenceKind)} {e.EvidenceSize} bytes");
        }

        if (e.PersonId.Length > 0)
        {
            parts.Add($"person {e.PersonId}");
        }

        if (e.Detail.Length > 0)
        {
            parts.Add($"({e.Detail})");
        }

        return string.Join(' ', parts);
    }
}
