using SealCabinet.Cloud.Service.Common;

namespace SealCabinet.Cloud.Service.Notifications;

/// <summary>Wakes this replica's webhook dispatcher when a notification was committed (on any replica).</summary>
internal sealed class WebhookSignal : WakeUpSignal;
