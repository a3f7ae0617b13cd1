using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Uplink
{
    /// <summary>What the uplink reports back to the firmware.</summary>
    public interface IUplinkHost
    {
        /// <summary>The cloud durably stored every event up to <paramref name="ackedSeq"/> (above <see cref="AckedSeq"/>); persist it, then trim.</summary>
        /// <param name="ackedSeq">The new acked seq.</param>
        void OnAcked(ulong ackedSeq);

        /// <summary>A FetchGrants answer (after its server time was applied): its roster, withdrawals and grants.</summary>
        /// <param name="response">The answer.</param>
        void OnFetched(FetchGrantsResponse response);

        /// <summary>Version of the custodian roster the cabinet holds (the poll asks for a newer one).</summary>
        ulong RosterVersion { get; }

        /// <summary>Seq of the next event the firmware would sign minus one (the journal's newest seq).</summary>
        ulong LastSeq { get; }

        /// <summary>Highest seq the cloud acknowledged in the current chain (the firmware owns and persists it).</summary>
        ulong AckedSeq { get; }

        /// <summary>The chain epoch acks must name (an ack with chain_epoch 0 counts as epoch 1).</summary>
        uint ChainEpoch { get; }

        /// <summary>Highest grant counter accepted so far (the poll asks for newer ones).</summary>
        ulong HighestGrantCounter { get; }
    }
}
