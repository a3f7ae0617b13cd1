using System.Text;
using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.HardwareSim.Cabinet;

/// <summary>Proto-style names (SLEEVE_UNLOCKED, BAD_MAC…) of the core's enums, as used in scenario scripts and timelines.</summary>
public static class EventNames
{
    /// <summary>The name of an event type, e.g. SLEEVE_UNLOCKED.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The name.</returns>
    public static string Of(EventType type) => Screaming(type.ToString());

    /// <summary>The name of a refusal reason, e.g. REPLAYED.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The name.</returns>
    public static string Of(GrantRefusalReason reason) => Screaming(reason.ToString());

    /// <summary>The name of an evidence kind, e.g. DOCUMENT_BEFORE.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The name.</returns>
    public static string Of(EvidenceKind kind) => Screaming(kind.ToString());

    /// <summary>Parses an event type name (SLEEVE_UNLOCKED, sleeve_unlocked or SleeveUnlocked).</summary>
    /// <param name="name">The name.</param>
    /// <param name="type">The type.</param>
    /// <returns>True when known.</returns>
    public static bool TryParseEventType(string name, out EventType type)
    {
        foreach (var candidate in Enum.GetValues<EventType>())
        {
            if (candidate != EventType.Unspecified
                && (string.Equals(Of(candidate), name, StringComparison.OrdinalIgnoreCase) || string.Equals(candidate.ToString(), name, StringComparison.OrdinalIgnoreCase)))
            {
                type = candidate;
                return true;
            }
        }

        type = EventType.Unspecified;
        return false;
    }

    private static string Screaming(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
