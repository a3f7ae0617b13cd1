using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Evidence
{
    /// <summary>A photo waiting on flash for upload.</summary>
    public sealed class EvidenceItem
    {
        /// <summary>Creates the item.</summary>
        /// <param name="id">Evidence id.</param>
        /// <param name="kind">Photo kind.</param>
        /// <param name="data">The JPEG bytes.</param>
        public EvidenceItem(string id, EvidenceKind kind, byte[] data)
        {
            Id = id;
            Kind = kind;
            Data = data;
        }

        /// <summary>Evidence id (as in the EVIDENCE_CAPTURED event).</summary>
        public string Id { get; }

        /// <summary>Photo kind.</summary>
        public EvidenceKind Kind { get; }

        /// <summary>The JPEG bytes.</summary>
        public byte[] Data { get; }
    }
}
