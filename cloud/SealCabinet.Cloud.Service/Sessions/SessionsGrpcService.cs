using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Edge;
using SealCabinet.Cloud.Service.Persistence;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Sessions;

/// <summary>
/// The Sessions RPCs: passkey ceremonies and organisation-account sign-in that end in a session cookie, reading and
/// ending the session.
/// </summary>
internal sealed class SessionsGrpcService(
    PasskeyCeremonies ceremonies,
    OidcSignInFlow oidc,
    OidcDiscovery discovery,
    BrowserSessionStore sessions,
    CloudDbContext db,
    CallerAccessor callers,
    IOptions<SignInOptions> options)
    : Wire.Sessions.SessionsBase
{
    public override async Task<Wire.BeginEnrolmentResponse> BeginEnrolment(Wire.BeginEnrolmentRequest request, ServerCallContext context)
    {
        var (ceremony, json, name) = await ceremonies.BeginEnrolmentAsync(RelyingPartyOf(context), request.EnrolmentCode, context.CancellationToken);
        return new() { CeremonyId = ceremony.ToString("D"), OptionsJson = json, PersonName = name };
    }

    public override async Task<Wire.FinishEnrolmentResponse> FinishEnrolment(Wire.FinishEnrolmentRequest request, ServerCallContext context)
    {
        var (secret, session) = await ceremonies.FinishEnrolmentAsync(
            RelyingPartyOf(context), request.EnrolmentCode, request.CeremonyId, request.CredentialJson, context.CancellationToken);
        return new() { Session = await StartAsync(context, secret, session) };
    }

    public override async Task<Wire.BeginSignInResponse> BeginSignIn(Wire.BeginSignInRequest request, ServerCallContext context)
    {
        var (ceremony, json) = await ceremonies.BeginSignInAsync(RelyingPartyOf(context), context.CancellationToken);
        return new() { CeremonyId = ceremony.ToString("D"), OptionsJson = json };
    }

    public override async Task<Wire.FinishSignInResponse> FinishSignIn(Wire.FinishSignInRequest request, ServerCallContext context)
    {
        var (secret, session) = await ceremonies.FinishSignInAsync(
            RelyingPartyOf(context), request.CeremonyId, request.CredentialJson, context.CancellationToken);
        return new() { Session = await StartAsync(context, secret, session) };
    }

    public override Task<Wire.GetSignInMethodsResponse> GetSignInMethods(Wire.GetSignInMethodsRequest request, ServerCallContext context) =>
        Task.FromResult(new Wire.GetSignInMethodsResponse { OidcProviderName = discovery.Enabled ? options.Value.Oidc.DisplayName : "" });

    public override async Task<Wire.BeginOidcSignInResponse> BeginOidcSignIn(Wire.BeginOidcSignInRequest request, ServerCallContext context) =>
        new() { AuthorizationUrl = await oidc.BeginAsync(context.GetHttpContext(), context.CancellationToken) };

    public override async Task<Wire.FinishOidcSignInResponse> FinishOidcSignIn(Wire.FinishOidcSignInRequest request, ServerCallContext context)
    {
        var (secret, session) = await oidc.FinishAsync(context.GetHttpContext(), request.State, request.Code, context.CancellationToken);
        return new() { Session = await StartAsync(context, secret, session) };
    }

    public override async Task<Wire.GetSessionResponse> GetSession(Wire.GetSessionRequest request, ServerCallContext context)
    {
        var caller = callers.Caller;
        return new() { Session = await ToWireAsync(caller.PersonId, caller.ExpiresAt, context.CancellationToken) };
    }

    public override async Task<Wire.SignOutResponse> SignOut(Wire.SignOutRequest request, ServerCallContext context)
    {
        if (callers.Caller.SessionId is { } id)
        {
            await sessions.EndAsync(id, context.CancellationToken);
        }

        SessionCookie.Clear(context.GetHttpContext().Response);
        return new();
    }

    private Fido2NetLib.Fido2Configuration RelyingPartyOf(ServerCallContext context) =>
        RelyingParty.For(options.Value, context.GetHttpContext().Request);

    private async Task<Wire.Session> StartAsync(ServerCallContext context, string secret, BrowserSession session)
    {
        SessionCookie.Write(context.GetHttpContext().Response, secret, session.ExpiresAt);
        return await ToWireAsync(session.PersonId, session.ExpiresAt, context.CancellationToken);
    }

    /// <summary>The person as stored (a bearer token may name a person the directory does not hold: then only the id).</summary>
    private async Task<Wire.Session> ToWireAsync(string personId, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().Include(p => p.Roles).SingleOrDefaultAsync(p => p.Id == personId, ct);
        var passkeys = await db.PasskeyCredentials.CountAsync(c => c.PersonId == personId, ct);
        var wire = person is null ? new Wire.Person { PersonId = personId } : WirePerson.ToWire(person, passkeys);
        return new Wire.Session { Person = wire, ExpiresTime = expiresAt is { } e ? Timestamp.FromDateTimeOffset(e) : null };
    }
}
