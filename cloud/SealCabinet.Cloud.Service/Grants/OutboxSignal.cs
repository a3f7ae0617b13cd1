using SealCabinet.Cloud.Service.Common;

namespace SealCabinet.Cloud.Service.Grants;

/// <summary>Wakes this replica's outbox dispatcher right after a commit that wrote outbox rows.</summary>
internal sealed class OutboxSignal : WakeUpSignal;
