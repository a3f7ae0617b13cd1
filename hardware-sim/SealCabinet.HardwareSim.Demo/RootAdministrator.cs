using Google.Protobuf;
using Grpc.Net.Client;
using SealCabinet.Contracts.V1;
using SealCabinet.Ledger.Approvals;
using SealCabinet.Passkeys.Software;

namespace SealCabinet.HardwareSim.Demo;

/// <summary>
/// The deployment's root administrator as the demo and the console tests play them (docs/supervision.md §11.7): a
/// person of the directory whose software passkey, registered at the console's address as a phone would, endorsed
/// itself — a root, which the cloud allows for the ids of <c>Approvals:RootAdministrators</c> (<see cref="Argument"/>) —
/// and who endorses other people's passkeys with it.
/// </summary>
public sealed class RootAdministrator : IDisposable
{
    /// <summary>The root administrator's person id (the development tokens' county administrator).</summary>
    public const string PersonId = "admin";

    /// <summary>The cloud's command-line setting that makes <see cref="PersonId"/> a root administrator.</summary>
    public const string Argument = "--Approvals:RootAdministrators:0=" + PersonId;

    private readonly GrpcChannel _channel;

    private RootAdministrator(GrpcChannel channel, CloudActor phone, SoftwarePasskey passkey)
    {
        _channel = channel;
        Phone = phone;
        Passkey = passkey;
    }

    /// <summary>The administrator calling through the console's address (where their passkey works).</summary>
    public CloudActor Phone { get; }

    /// <summary>The root passkey.</summary>
    public SoftwarePasskey Passkey { get; }

    /// <summary>The root passkey's fingerprint, what supervisors pin with <c>sealctl audit verify --trusted-root</c>.</summary>
    public string Fingerprint => CredentialEndorsements.Fingerprint(Passkey.CosePublicKey);

    /// <summary>
    /// Puts the administrator into the directory (or renames them there), registers a new passkey with an invitation,
    /// endorses it with itself and adds its fingerprint to the data directory's <see cref="CloudServiceProcess.TrustedRoots"/>.
    /// On data of an earlier run, whose software passkey went with its process, that passkey is revoked first, so that the
    /// new one may be a root (the ledger then holds both roots; the earlier one's endorsements still verify).
    /// </summary>
    public static async Task<RootAdministrator> EnrolAsync(CloudServiceProcess cloud, DevelopmentTokens tokens, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentNullException.ThrowIfNull(tokens);
        var channel = cloud.OpenConsoleChannel();
        var phone = new CloudActor(channel, PersonId, name, "administrator", tokens.Mint(PersonId, name, "administrator@global"));
        var passkey = new SoftwarePasskey { Origin = cloud.ConsoleUrl };
        var root = new RootAdministrator(channel, phone, passkey);
        try
        {
            await phone.Organization.UpsertPersonAsync(new UpsertPersonRequest { Person = new Person { PersonId = PersonId, Name = name } }, cancellationToken: cancellationToken);
            var earlier = await phone.Organization.ListPasskeysAsync(new ListPasskeysRequest(), cancellationToken: cancellationToken);
            if (earlier.Passkeys.Any(p => p.EndorsedTime is not null))
            {
                await phone.Organization.RevokePasskeysAsync(
                    new RevokePasskeysRequest { PersonId = PersonId, Reason = "the software passkey of an earlier run is gone with its process" }, cancellationToken: cancellationToken);
            }

            var invitation = await phone.Organization.InvitePersonAsync(new InvitePersonRequest { PersonId = PersonId }, cancellationToken: cancellationToken);
            var sessions = new Sessions.SessionsClient(channel);
            var begun = await sessions.BeginEnrolmentAsync(new BeginEnrolmentRequest { EnrolmentCode = invitation.EnrolmentCode }, cancellationToken: cancellationToken);
            await sessions.FinishEnrolmentAsync(new FinishEnrolmentRequest
            {
                EnrolmentCode = invitation.EnrolmentCode,
                CeremonyId = begun.CeremonyId,
                CredentialJson = passkey.Register(begun.OptionsJson),
            }, cancellationToken: cancellationToken);
            await root.EndorseAsync(PersonId, passkey.CredentialId, cancellationToken);
            await File.AppendAllLinesAsync(Path.Combine(cloud.DataDirectory, CloudServiceProcess.TrustedRootsFileName), [root.Fingerprint], cancellationToken);
            return root;
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    /// <summary>Endorses the person's passkey with the root passkey, as an administrator does in the console after comparing fingerprints.</summary>
    public async Task<Passkey> EndorseAsync(string personId, byte[] credentialId, CancellationToken cancellationToken = default)
    {
        var begun = await Phone.Organization.BeginPasskeyEndorsementAsync(
            new BeginPasskeyEndorsementRequest { PersonId = personId, CredentialId = ByteString.CopyFrom(credentialId) }, cancellationToken: cancellationToken);
        var endorsed = await Phone.Organization.EndorsePasskeyAsync(
            new EndorsePasskeyRequest { CeremonyId = begun.CeremonyId, CredentialJson = Passkey.Authenticate(begun.OptionsJson) }, cancellationToken: cancellationToken);
        return endorsed.Passkey;
    }

    /// <summary>Forgets the passkey and closes the channel.</summary>
    public void Dispose()
    {
        Passkey.Dispose();
        _channel.Dispose();
    }
}
