namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>The kind of official seal a sleeve holds. Every village has one of each of the three. (proto enum sealcabinet.v1.SealKind.)</summary>
    public enum SealKind
    {
        /// <summary>No value set.</summary>
        Unspecified = 0,

        /// <summary>The village Party organisation seal (党组织印章).</summary>
        Party = 1,

        /// <summary>The village committee seal (村委会印章).</summary>
        Committee = 2,

        /// <summary>The village economic cooperative seal (村经济合作社印章).</summary>
        Cooperative = 3,
    }
}
