namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>One POST a <see cref="WebhookReceiver"/> received.</summary>
internal sealed record WebhookPost(string? Key, string Body, int Status, string? Signature, string Query);
