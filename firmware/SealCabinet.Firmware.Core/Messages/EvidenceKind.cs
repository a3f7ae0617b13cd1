namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>The kind of photo an evidence object is. (proto enum sealcabinet.v1.EvidenceKind.)</summary>
    public enum EvidenceKind
    {
        /// <summary>No value set.</summary>
        Unspecified = 0,

        /// <summary>The document page before stamping.</summary>
        DocumentBefore = 1,

        /// <summary>The document page after stamping (with the imprint).</summary>
        DocumentAfter = 2,

        /// <summary>The person stamping.</summary>
        Person = 3,
    }
}
