using System.Text.RegularExpressions;
using SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Tool.Infrastructure;

/// <summary>Argument validation done locally, so a typo never reaches the cloud.</summary>
internal static partial class Checks
{
    public static string Slug(string? value, string option)
    {
        if (string.IsNullOrEmpty(value) || !SlugPattern().IsMatch(value))
        {
            throw new UsageException($"{option}: '{value}' must be 1-64 lower-case letters, digits or '-'");
        }

        return value;
    }

    public static string MatterCode(string? value, string option)
    {
        if (string.IsNullOrEmpty(value) || !MatterPattern().IsMatch(value))
        {
            throw new UsageException($"{option}: '{value}' must be 1-32 upper-case letters, digits or '-'");
        }

        return value;
    }

    public static string Uuid(string? value, string option)
    {
        if (!Guid.TryParseExact(value, "D", out _))
        {
            throw new UsageException($"{option}: '{value}' is not a request id (UUID)");
        }

        return value!;
    }

    public static string Text(string? value, string option, int maxLength, bool required = true)
    {
        var trimmed = value?.Trim() ?? "";
        if (required && trimmed.Length == 0)
        {
            throw new UsageException($"{option} is required");
        }

        if (trimmed.Length > maxLength)
        {
            throw new UsageException($"{option}: at most {maxLength} characters");
        }

        return trimmed;
    }

    public static SealKind Seal(string? value, string option) => value?.ToLowerInvariant() switch
    {
        "party" => SealKind.Party,
        "committee" => SealKind.Committee,
        "cooperative" => SealKind.Cooperative,
        _ => throw new UsageException($"{option}: '{value}' must be party, committee or cooperative"),
    };

    public static CabinetAuthPolicy AuthPolicy(string? value, string option) => value?.ToLowerInvariant() switch
    {
        "pin" => CabinetAuthPolicy.Pin,
        "card" => CabinetAuthPolicy.Card,
        "pin-or-card" => CabinetAuthPolicy.PinOrCard,
        "pin-and-card" => CabinetAuthPolicy.PinAndCard,
        _ => throw new UsageException($"{option}: '{value}' must be pin, card, pin-or-card or pin-and-card"),
    };

    public static Role RoleName(string? value, string option) => value?.ToLowerInvariant() switch
    {
        "custodian" => Role.Custodian,
        "approver" => Role.Approver,
        "supervisor" => Role.Supervisor,
        "technician" => Role.Technician,
        "administrator" => Role.Administrator,
        _ => throw new UsageException($"{option}: '{value}' must be custodian, approver, supervisor, technician or administrator"),
    };

    public static RequestState State(string value, string option) => value.ToLowerInvariant().Replace('-', '_') switch
    {
        "submitted" => RequestState.Submitted,
        "approved" => RequestState.Approved,
        "rejected" => RequestState.Rejected,
        "cancelled" => RequestState.Cancelled,
        "grant_delivered" => RequestState.GrantDelivered,
        "in_use" => RequestState.InUse,
        "completed" => RequestState.Completed,
        "expired" => RequestState.Expired,
        "refused" => RequestState.Refused,
        _ => throw new UsageException($"{option}: '{value}' is not a request state"),
    };

    /// <summary>A token role claim: role[:SEAL]@global|town:id|village:id.</summary>
    public static string RoleClaim(string value, string option)
    {
        if (!RoleClaimPattern().IsMatch(value))
        {
            throw new UsageException(
                $"{option}: '{value}' must look like custodian@village:yiqiao, approver:COMMITTEE@village:yiqiao, supervisor@town:town-a or administrator@global");
        }

        return value;
    }

    public static int Copies(int value, string option) =>
        value is >= 1 and <= 20 ? value : throw new UsageException($"{option}: must be 1..20, was {value}");

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Z0-9-]{1,32}$")]
    private static partial Regex MatterPattern();

    [GeneratedRegex("^(custodian|approver:(PARTY|COMMITTEE|COOPERATIVE)|supervisor|technician|administrator)@(global|town:[a-z0-9-]{1,64}|village:[a-z0-9-]{1,64})$")]
    private static partial Regex RoleClaimPattern();
}
