namespace SealCabinet.Cloud.Service.Requests;

/// <summary>A scanned material as submitted.</summary>
internal sealed record MaterialUpload(string FileName, string ContentType, byte[] Content);
