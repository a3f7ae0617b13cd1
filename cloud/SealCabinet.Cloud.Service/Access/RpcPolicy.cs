using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Access;

/// <summary>
/// Who may call one RPC. Device policies are enforced by the handler (MAC over the request); person
/// policies need a bearer token holding one of <see cref="Roles"/> in a scope covering what
/// <see cref="Target"/> resolves (null target: the role anywhere, the handler then filters by scope).
/// </summary>
internal sealed record RpcPolicy(
    string Method,
    CallerKind Kind,
    IReadOnlySet<PersonRole> Roles,
    Func<object, ScopeResolver, CancellationToken, ValueTask<ScopeTarget?>> Target);
