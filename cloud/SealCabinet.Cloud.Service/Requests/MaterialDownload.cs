using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Requests;

/// <summary>A material with its content.</summary>
internal sealed record MaterialDownload(RequestMaterial Material, byte[] Content);
