namespace SealCabinet.Cloud.Tool.Infrastructure;

/// <summary>An argument that fails validation before anything is sent to the cloud.</summary>
internal sealed class UsageException(string message) : Exception(message);
