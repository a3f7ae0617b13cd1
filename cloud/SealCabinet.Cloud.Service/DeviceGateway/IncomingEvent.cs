using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>One event of a batch after MAC check and decoding, before the chain check.</summary>
internal sealed class IncomingEvent
{
    public required byte[] Bytes { get; init; }

    public required byte[] Mac { get; init; }

    /// <summary>SHA-256 of <see cref="Bytes"/>.</summary>
    public required byte[] Hash { get; init; }

    /// <summary>Null when <see cref="Problem"/> is set.</summary>
    public Wire.DeviceEvent? Decoded { get; init; }

    public Guid? GrantId { get; init; }

    /// <summary>Why this event cannot be stored as it is (MAC, decoding, device), or Unspecified.</summary>
    public Wire.RejectionReason Problem { get; init; }

    public string ProblemDetail { get; init; } = "";

    /// <summary>Seq as far as it could be read (for the rejection), 0 when unknown.</summary>
    public long Seq { get; init; }
}
