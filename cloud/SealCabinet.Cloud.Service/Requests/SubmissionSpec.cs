namespace SealCabinet.Cloud.Service.Requests;

/// <summary>A seal-use request as the custodian files it (validated by <see cref="RequestWorkflow"/>).</summary>
internal sealed record SubmissionSpec(
    string VillageId,
    string SealKind,
    string MatterCode,
    string ApplicantName,
    string Purpose,
    int Copies,
    IReadOnlyList<MaterialUpload> Materials,
    string? IdempotencyKey);
