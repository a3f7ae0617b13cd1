using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Requests;

/// <summary>The workflow rules of seal use, each in exactly one place.</summary>
internal static class RequestRules
{
    /// <summary>The matter must allow the requested seal kind.</summary>
    public static void MatterAllowsSealKind(Matter matter, string sealKind)
    {
        if (!matter.AllowedSealKinds.Contains(sealKind))
        {
            throw CloudException.Invalid(
                "seal_kind", $"matter {matter.Code} may not use the {sealKind} seal (allowed: {string.Join(", ", matter.AllowedSealKinds)})");
        }
    }

    /// <summary>
    /// Only an approver for the request's seal kind in its village (or its town, or deployment-wide) may decide,
    /// and never the custodian who filed it, whatever other roles they hold.
    /// </summary>
    public static void MayDecide(Caller caller, SealRequest request, ScopeTarget village)
    {
        if (caller.PersonId == request.CustodianId)
        {
            throw CloudException.Denied("the custodian who filed a request can never approve or reject it");
        }

        if (!caller.IsApproverFor(request.SealKind, village))
        {
            throw CloudException.Denied($"only an approver of the {request.SealKind} seal in {village} may decide this request");
        }
    }

    /// <summary>An approver decides a request once.</summary>
    public static void HasNotDecided(SealRequest request, string approverId)
    {
        if (request.Decisions.Any(d => d.ApproverId == approverId))
        {
            throw CloudException.Precondition($"you have already decided request {request.Id}");
        }
    }

    /// <summary>The filer may cancel their request; an administrator of the village may cancel any.</summary>
    public static void MayCancel(Caller caller, SealRequest request, ScopeTarget village)
    {
        if (caller.PersonId != request.CustodianId && !caller.HasRoleCovering(PersonRole.Administrator, village))
        {
            throw CloudException.Denied("only the custodian who filed the request or an administrator may cancel it");
        }
    }

    /// <summary>
    /// A new grant may replace one that expired unused, only while the approval is still valid and no grant
    /// is live or used; of the custodians only the filer may ask for it (an approver of the seal or an administrator
    /// of the village may too), since the grant opens the sleeve for whoever holds it.
    /// </summary>
    public static void MayReissue(Caller caller, SealRequest request, ScopeTarget village, DateTimeOffset now, TimeSpan approvalValidity)
    {
        if (caller.PersonId != request.CustodianId && !caller.IsApproverFor(request.SealKind, village)
            && !caller.HasRoleCovering(PersonRole.Administrator, village))
        {
            throw CloudException.Denied("only the custodian who filed the request, an approver of its seal or an administrator may have its grant reissued");
        }

        if (request.State is not (RequestState.Approved or RequestState.GrantDelivered or RequestState.Refused))
        {
            throw CloudException.Precondition(
                $"request {request.Id} is {RequestStateMachine.Name(request.State)}; only an approved request can get a new grant");
        }

        if (request.ApprovedAt is null || request.ApprovedAt.Value + approvalValidity <= now)
        {
            throw CloudException.Precondition($"the approval of request {request.Id} is no longer valid; file a new request");
        }

        var latest = request.Grants.MaxBy(g => g.IssuedAt);
        if (latest is null)
        {
            return;
        }

        var expiredUnused = latest.State == GrantState.Expired
            || (latest.State is GrantState.Issued or GrantState.Delivered && latest.ExpiresAt <= now);
        if (!expiredUnused && latest.State != GrantState.Refused)
        {
            throw CloudException.Precondition(
                $"grant {latest.Id} of request {request.Id} is still {latest.State.ToString().ToUpperInvariant()}; only an expired or refused grant can be replaced");
        }
    }
}
