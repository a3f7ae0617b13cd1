namespace SealCabinet.Cloud.Service.Access;

/// <summary>Who calls an RPC and so how it is authenticated.</summary>
internal enum CallerKind
{
    /// <summary>A person with a bearer token; role and scope are checked.</summary>
    Person,

    /// <summary>A cabinet; the handler checks the MAC inside the request under the device's key.</summary>
    Device,

    /// <summary>Infrastructure (health probes, reflection in development): no credentials.</summary>
    Anyone,
}
