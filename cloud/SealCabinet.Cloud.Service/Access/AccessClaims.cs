namespace SealCabinet.Cloud.Service.Access;

/// <summary>Names of the token claims the service reads (docs/cloud.md, "Claims").</summary>
internal static class AccessClaims
{
    /// <summary>The person id; equals Person.person_id.</summary>
    public const string Subject = "sub";

    /// <summary>Display name (optional).</summary>
    public const string Name = "name";

    /// <summary>Role assignments, one <see cref="RoleClaim"/> string per value (a JSON array in the token).</summary>
    public const string Roles = "sealcabinet_roles";

    /// <summary>The console session's id; only on calls authenticated by the session cookie.</summary>
    public const string Session = "sealcabinet_session";

    /// <summary>Expiry in Unix seconds (a JWT's own claim; the session scheme sets it too).</summary>
    public const string Expires = "exp";
}
