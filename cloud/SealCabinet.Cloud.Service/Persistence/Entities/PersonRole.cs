namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A role a person holds in a scope.</summary>
internal enum PersonRole
{
    Custodian,
    Approver,
    Supervisor,
    Technician,
    Administrator,
}
