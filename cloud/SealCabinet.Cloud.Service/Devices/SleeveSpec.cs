namespace SealCabinet.Cloud.Service.Devices;

/// <summary>One sleeve as a technician declares it at registration.</summary>
internal sealed record SleeveSpec(int Number, string SealKind);
