namespace SealCabinet.Cloud.Service.Access;

/// <summary>Who calls an RPC and so how it is authenticated.</summary>
internal enum CallerKind
{
    /// <summary>A person with a bearer token or a console session; role and scope are checked.</summary>
    Person,

    /// <summary>Any authenticated person, whatever roles they hold (their own session).</summary>
    SignedIn,

    /// <summary>A cabinet; the handler checks the MAC inside the request under the device's key.</summary>
    Device,

    /// <summary>
    /// No credentials: infrastructure (health probes, reflection in development) and the passkey ceremonies,
    /// where the enrolment code or the passkey assertion inside the request is the credential.
    /// </summary>
    Anyone,
}
