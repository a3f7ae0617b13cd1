namespace SealCabinet.Cloud.Service.Sessions;

/// <summary>How decisions are recorded (configuration section <c>Approvals</c>).</summary>
internal sealed class ApprovalOptions
{
    public const string Section = "Approvals";

    /// <summary>
    /// Every approval and rejection must carry the approver's passkey signature over its approval statement. Only a
    /// service that authenticates people with its own development key (embedded mode, tests) may turn this off, and then
    /// the ledger records those decisions without a signature; with an OIDC authority the service refuses to start
    /// with it off.
    /// </summary>
    public bool RequireSignature { get; set; } = true;

    /// <summary>
    /// Person ids of the administrators whose first passkey may endorse itself, becoming a root of the chain of
    /// endorsements (docs/supervision.md §11.7); everyone else's passkey is endorsed by an administrator's endorsed
    /// passkey. Supervisors pin the roots' fingerprints, so each root is an entry they will see.
    /// </summary>
    public string[] RootAdministrators { get; set; } = [];
}
