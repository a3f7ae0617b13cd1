using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using SealCabinet.Contracts.V1;
using SealCabinet.Evidence.Imaging.Rendering;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.HardwareSim.Cabinet;
using SealCabinet.HardwareSim.Provisioning;
using SealCabinet.Ledger.Bundles;
using SealCabinet.Ledger.Signing;
using SealCabinet.Passkeys.Software;
using BundleHead = SealCabinet.Ledger.Signing.SignedTreeHead;
using CloudCabinet = SealCabinet.Contracts.V1.Cabinet;
using CoreEventType = SealCabinet.Firmware.Core.Messages.EventType;
using CoreRefusal = SealCabinet.Firmware.Core.Messages.GrantRefusalReason;
using CoreSealKind = SealCabinet.Firmware.Core.Messages.SealKind;

namespace SealCabinet.HardwareSim.Demo;

/// <summary>
/// The article's story end to end against the real cloud service process: 义桥村 with its three seals, a registered
/// and provisioned simulated cabinet, then the nine steps of issue 6, each printed on a readable timeline.
/// </summary>
public sealed class DemoStory : IAsyncDisposable
{
    /// <summary>The town.</summary>
    public const string TownId = "town-yiqiao";

    /// <summary>The village.</summary>
    public const string VillageId = "yiqiao";

    /// <summary>The cabinet PIN the custodian sets in the story (a kept demo's cabinet knows it too).</summary>
    public const string CustodianPin = "2580";

    /// <summary>
    /// The WebAuthn relying party of the embedded cloud's passkeys: with no <c>Sessions:RelyingPartyId</c> configured
    /// the service serves passkeys for <c>localhost</c> only, at whatever port the console was called.
    /// </summary>
    public const string RelyingPartyId = "localhost";

    private const int CommitteeSleeve = 2;
    private const int PartySleeve = 1;
    private static readonly string[] SleeveKinds = ["PARTY", "COMMITTEE", "COOPERATIVE"];
    private static readonly string DocumentTitle = "经营场所证明";
    private static readonly string[] DocumentText =
    [
        "兹证明王小明同志系本村村民，身份证号330109198807120011，现租用本村东街18号房屋一间，面积32平方米，作为小卖部经营场所。",
        "该房屋产权清晰，无权属纠纷，用途符合村庄规划，周边村民无异议。",
        "特此证明。",
    ];

    private readonly DemoOptions _options;
    private readonly Action<string> _timeline;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly DemoReport _report = new();
    private CloudServiceProcess? _cloud;
    private GrpcChannel? _channel;
    private GrpcChannel? _phoneChannel;
    private SoftwarePasskey? _approverPasskey;
    private RootAdministrator? _root;
    private DevelopmentTokens? _tokens;
    private CloudActor? _approverPhone;
    private SimulatedCabinet? _cabinet;
    private CloudActor? _administrator;
    private CloudActor? _custodian;
    private CloudActor? _approver;
    private CloudActor? _supervisor;
    private CloudActor? _technician;
    private NotificationInbox? _approverInbox;
    private NotificationInbox? _supervisorInbox;

    /// <summary>Creates the story.</summary>
    /// <param name="options">Where the cloud is and how long to wait.</param>
    /// <param name="timeline">Receives each timeline line.</param>
    public DemoStory(DemoOptions options, Action<string> timeline)
    {
        _options = options;
        _timeline = timeline;
    }

    /// <summary>The running cloud (after <see cref="RunAsync"/> started it).</summary>
    public CloudServiceProcess? Cloud => _cloud;

    /// <summary>
    /// One-time console enrolment links for the story's four people (custodian, approver, supervisor, technician),
    /// for a kept demo: each opens the console on a phone or browser and registers that person's passkey.
    /// </summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>Each person with their link.</returns>
    public async Task<IReadOnlyList<(CloudActor Person, string Link)>> InviteToConsoleAsync(CancellationToken cancellationToken)
    {
        var cloud = _cloud ?? throw new InvalidOperationException("the story has not started the cloud");
        var links = new List<(CloudActor, string)>();
        foreach (var person in new[] { _custodian!, _approver!, _supervisor!, _technician! })
        {
            var invite = await _administrator!.Organization.InvitePersonAsync(new InvitePersonRequest { PersonId = person.PersonId }, cancellationToken: cancellationToken).ConfigureAwait(false);
            links.Add((person, cloud.ConsoleUrl + invite.EnrolmentPath));
        }

        return links;
    }

    /// <summary>The simulated cabinet (after set-up).</summary>
    public SimulatedCabinet? Cabinet => _cabinet;

    /// <summary>The report so far.</summary>
    public DemoReport Report => _report;

    /// <summary>Starts the cloud, sets up the village and the cabinet, and plays the nine steps; stops at the first failure.</summary>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The report.</returns>
    public async Task<DemoReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var steps = new (int Number, string Title, Func<CancellationToken, Task<string>> Run)[]
        {
            (0, "cloud, village and cabinet", SetUpAsync),
            (1, "the custodian files a request with a scanned page", FileRequestAsync),
            (2, "the approver, away from the office, is notified and approves", ApproveAsync),
            (3, "the grant reaches the cabinet over MQTT; a stranger's button opens nothing", GrantArrivesAsync),
            (4, "stamp: PIN, button, unlock, one press, return, relock; photos uploaded", StampAsync),
            (5, "the approver is notified that stamping is complete", StampingCompletedAsync),
            (6, "the Party seal sleeve is forced: the alarm reaches the supervisor", ForceAsync),
            (7, "a captured grant is replayed: the cabinet refuses it", ReplayAsync),
            (8, "the cabinet loses power mid-upload and comes back: nothing lost", PowerLossAsync),
            (9, "summary", SummaryAsync),
        };
        foreach (var (number, title, run) in steps)
        {
            Line(number, title);
            try
            {
                var detail = await run(cancellationToken).ConfigureAwait(false);
                _report.Steps.Add(new DemoStepResult(number, title, true, detail));
            }
            catch (RpcException e)
            {
                Fail(number, title, $"the cloud answered {e.StatusCode}: {e.Status.Detail}");
                break;
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or InvalidDataException)
            {
                Fail(number, title, e.Message);
                break;
            }
        }

        return _report;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_approverInbox is not null)
        {
            await _approverInbox.DisposeAsync().ConfigureAwait(false);
        }

        if (_supervisorInbox is not null)
        {
            await _supervisorInbox.DisposeAsync().ConfigureAwait(false);
        }

        _cabinet?.Dispose();
        _channel?.Dispose();
        _phoneChannel?.Dispose();
        _approverPasskey?.Dispose();
        _root?.Dispose();
        if (_cloud is not null)
        {
            await _cloud.DisposeAsync().ConfigureAwait(false);
        }
    }

    private SimulatedCabinet TheCabinet => _cabinet ?? throw new InvalidOperationException("the cabinet was not set up");

    private string RequestId { get; set; } = string.Empty;

    private string GrantId { get; set; } = string.Empty;

    private long ApprovedAt { get; set; }

    /// <summary>The signed approval statement's SHA-256 (hex), as the cloud recorded the decision.</summary>
    private string ApprovalStatementSha256 { get; set; } = string.Empty;

    private async Task<string> SetUpAsync(CancellationToken cancellationToken)
    {
        // The supervisor's anomaly detector normally runs every few minutes; the story is over in seconds.
        var cloudOptions = _options.Cloud with
        {
            ExtraArguments = [.. _options.Cloud.ExtraArguments, "--Anomalies:DetectInterval=00:00:01", RootAdministrator.Argument],
        };
        _cloud = await CloudServiceProcess.StartAsync(cloudOptions, cancellationToken).ConfigureAwait(false);
        _report.DataDirectory = _cloud.DataDirectory;
        Say($"cloud started (pid {_cloud.ProcessId}): gRPC {_cloud.GrpcUrl}, gRPC-Web {_cloud.GrpcWebUrl}, MQTT {_cloud.MqttHost}:{_cloud.MqttPort}");
        Say($"embedded data (PostgreSQL, keys) in {_cloud.DataDirectory}");
        var tokens = await DevelopmentTokens.LoadAsync(_cloud.DataDirectory, _options.StepTimeout, cancellationToken).ConfigureAwait(false);
        _tokens = tokens;
        _channel = GrpcChannel.ForAddress(_cloud.GrpcUrl);

        // The approver's phone opens the web console's address and calls it over gRPC-Web, as the console in a phone's
        // browser does: the service's relying party is then localhost and the origin that address (docs/hardware-sim.md).
        _phoneChannel = _cloud.OpenConsoleChannel();
        var village = $"village:{VillageId}";
        _administrator = Actor(_channel, tokens, "admin", "县管理员", "administrator", "administrator@global");
        _custodian = Actor(_channel, tokens, "li-mei", "李梅", "custodian", $"custodian@{village}");
        _approver = Actor(_channel, tokens, "wang-jianguo", "王建国", "approver, committee director", $"approver:COMMITTEE@{village}");
        _approverPhone = Actor(_phoneChannel, tokens, _approver.PersonId, _approver.Name, _approver.Role, $"approver:COMMITTEE@{village}");
        _supervisor = Actor(_channel, tokens, "chen-jijian", "陈纪检", "supervisor, discipline-inspection liaison", $"supervisor@{village}");
        _technician = Actor(_channel, tokens, "zhao-tech", "赵师傅", "technician", $"technician@{village}");

        var admin = _administrator.Organization;
        await WaitForCloudAsync(admin, cancellationToken).ConfigureAwait(false);
        await IgnoreExisting(admin.CreateTownAsync(new CreateTownRequest { Town = new Town { TownId = TownId, Name = "义桥镇" } }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await IgnoreExisting(admin.CreateVillageAsync(new CreateVillageRequest
        {
            Village = new Village { VillageId = VillageId, TownId = TownId, Name = "义桥村", SealKinds = { SealKind.Party, SealKind.Committee, SealKind.Cooperative } },
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var (actor, role, kind) in new[]
        {
            (_custodian, Role.Custodian, SealKind.Unspecified),
            (_approver, Role.Approver, SealKind.Committee),
            (_supervisor, Role.Supervisor, SealKind.Unspecified),
            (_technician, Role.Technician, SealKind.Unspecified),
        })
        {
            await admin.UpsertPersonAsync(new UpsertPersonRequest { Person = new Person { PersonId = actor.PersonId, Name = actor.Name } }, cancellationToken: cancellationToken);
            await admin.AssignRoleAsync(new AssignRoleRequest { PersonId = actor.PersonId, Assignment = new RoleAssignment { Role = role, VillageId = VillageId, SealKind = kind } }, cancellationToken: cancellationToken);
        }

        Say($"义桥镇 / 义桥村 with its three seals; people: {_custodian}, {_approver}, {_supervisor}, {_technician}");
        await EnrolApproverPasskeyAsync(cancellationToken).ConfigureAwait(false);
        await _custodian.Organization.SetCabinetPinAsync(new SetCabinetPinRequest { Pin = CustodianPin }, cancellationToken: cancellationToken);
        Say($"{_custodian} set her cabinet PIN ({CustodianPin}); the cloud keeps only a salted verifier and sends it to the village's cabinets");

        var registered = await _technician.Devices.RegisterCabinetAsync(new RegisterCabinetRequest
        {
            VillageId = VillageId,
            Name = "义桥村便民服务中心印章柜",
            Location = "便民服务中心一楼",
            Sleeves =
            {
                new Sleeve { Number = 1, SealKind = SealKind.Party },
                new Sleeve { Number = 2, SealKind = SealKind.Committee },
                new Sleeve { Number = 3, SealKind = SealKind.Cooperative },
            },
        }, cancellationToken: cancellationToken);
        var deviceId = registered.Cabinet.DeviceId;
        _report.DeviceId = deviceId;
        var flash = Path.Combine(_cloud.DataDirectory, "cabinet-flash");
        _report.CabinetFlash = flash;
        ProvisionFile.Write(flash, new CabinetProvisioning
        {
            DeviceId = deviceId,
            DeviceSecret = registered.DeviceSecret.ToByteArray(),
            GatewayUrl = _cloud.GrpcWebUrl,
            MqttHost = _cloud.MqttHost,
            MqttPort = _cloud.MqttPort,
            Sleeves = [CoreSealKind.Party, CoreSealKind.Committee, CoreSealKind.Cooperative],
        });
        Say($"{_technician} registered cabinet {deviceId} (sleeves 1 Party, 2 committee, 3 cooperative) and provisioned it ({flash})");

        _cabinet = new SimulatedCabinet(new SimulatedCabinetOptions { FlashDirectory = flash, VillageName = "义桥村", DocumentSeed = null });
        _cabinet.PowerOn();
        await _cabinet.WaitUntilAsync(() => _cabinet.Snapshot() is { MqttConnected: true, HasTrustedTime: true, RosterVersion: > 0 }, _options.StepTimeout, "the cabinet online (MQTT session, trusted time, custodian roster)", cancellationToken).ConfigureAwait(false);
        _approverInbox = new NotificationInbox(_approver);
        _supervisorInbox = new NotificationInbox(_supervisor);
        return $"cabinet {deviceId} online, custodian roster v{_cabinet.Snapshot().RosterVersion} held";
    }

    /// <summary>
    /// The county administrator's passkey becomes the deployment's root (it endorses itself); the administrator invites
    /// the approver (<c>InvitePerson</c>), his phone enrols a passkey with the code at the web console's address
    /// (<c>BeginEnrolment</c>, the passkey's answer, <c>FinishEnrolment</c>), as the printed links do in a browser, and the
    /// administrator endorses it with the root passkey: only then does its registration enter the ledger.
    /// </summary>
    private async Task EnrolApproverPasskeyAsync(CancellationToken cancellationToken)
    {
        _root = await RootAdministrator.EnrolAsync(_cloud!, _tokens!, _administrator!.Name, cancellationToken).ConfigureAwait(false);
        Say($"{_administrator} registered a passkey and endorsed it with itself: the deployment's root passkey, fingerprint {_root.Fingerprint[..16]}… "
            + "(a supervisor pins it: sealctl audit verify --trusted-root)");
        var invitation = await _administrator!.Organization.InvitePersonAsync(new InvitePersonRequest { PersonId = _approver!.PersonId }, cancellationToken: cancellationToken);
        _approverPasskey = new SoftwarePasskey { Origin = _cloud!.ConsoleUrl };
        var sessions = new Sessions.SessionsClient(_phoneChannel);
        var begun = await sessions.BeginEnrolmentAsync(new BeginEnrolmentRequest { EnrolmentCode = invitation.EnrolmentCode }, cancellationToken: cancellationToken);
        var finished = await sessions.FinishEnrolmentAsync(new FinishEnrolmentRequest
        {
            EnrolmentCode = invitation.EnrolmentCode,
            CeremonyId = begun.CeremonyId,
            CredentialJson = _approverPasskey.Register(begun.OptionsJson),
        }, cancellationToken: cancellationToken);
        Say($"{_administrator} invited {_approver.Name}; on his phone, at the console ({_cloud.ConsoleUrl}), he registered a passkey: credential {ShortCredentialId(_approverPasskey.CredentialId)} "
            + $"(ES256, user verified, rp id {RelyingPartyId}), {finished.Session.Person.PasskeyCount} passkey(s) on record");
        var endorsed = await _root.EndorseAsync(_approver.PersonId, _approverPasskey.CredentialId, cancellationToken).ConfigureAwait(false);
        Say($"{_administrator} compared the fingerprint on {_approver.Name}'s phone ({Grouped(endorsed.Fingerprint)}) and endorsed the passkey with the root passkey: "
            + "the ledger records its public key with that signature (person.credential.registered); from now on it can sign decisions");
    }

    private async Task<string> FileRequestAsync(CancellationToken cancellationToken)
    {
        using var page = DocumentPageRenderer.Render(DocumentTitle, DocumentText, 2026);
        var scan = Jpeg.Encode(page, 85);

        // Kept with the data: the `sealctl requests submit` of the --keep hints files this page again.
        await File.WriteAllBytesAsync(Path.Combine(_cloud!.DataDirectory, SealctlHints.ScannedPageFileName), scan, cancellationToken).ConfigureAwait(false);
        TheCabinet.PlaceDocument(DocumentTitle, DocumentText);
        var response = await _custodian!.Requests.SubmitRequestAsync(new SubmitRequestRequest
        {
            VillageId = VillageId,
            SealKind = SealKind.Committee,
            MatterCode = "BIZ-PREMISES",
            ApplicantName = "王小明",
            Purpose = "开办小卖部，需村委会出具经营场所证明",
            Copies = 1,
            IdempotencyKey = Guid.NewGuid().ToString(),
            Materials = { new Material { FileName = "经营场所证明.jpg", ContentType = "image/jpeg", Content = ByteString.CopyFrom(scan) } },
        }, cancellationToken: cancellationToken);
        RequestId = response.Request.RequestId;
        return Say($"{_custodian} filed request {RequestId}: business-premises certificate (BIZ-PREMISES), committee seal, 1 copy, scanned page {scan.Length / 1024} KB; state {response.Request.State}");
    }

    private async Task<string> ApproveAsync(CancellationToken cancellationToken)
    {
        var submitted = await _approverInbox!.WaitAsync(n => n.Kind == NotificationKind.RequestSubmitted && n.RequestId == RequestId, _options.StepTimeout, "the new request", cancellationToken).ConfigureAwait(false);
        Say($"{_approver} notified on the phone: {Quote(submitted)}");

        var readyAt = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        TheCabinet.Board.Sleeve(CommitteeSleeve).ReadyLight.Changed += on =>
        {
            if (on)
            {
                readyAt.TrySetResult(_clock.ElapsedMilliseconds);
            }
        };

        // Approving is signing: the cloud builds the approval statement, its SHA-256 is the passkey's challenge.
        const string comment = "同意，材料齐全";
        var phone = _approverPhone!.Requests;
        var begun = await phone.BeginDecisionSignatureAsync(
            new BeginDecisionSignatureRequest { RequestId = RequestId, Decision = DecisionKind.Approve, Comment = comment }, cancellationToken: cancellationToken);
        var signature = new DecisionSignature { CeremonyId = begun.CeremonyId, CredentialJson = _approverPasskey!.Authenticate(begun.OptionsJson) };
        ApprovedAt = _clock.ElapsedMilliseconds;
        var response = await phone.ApproveRequestAsync(new ApproveRequestRequest { RequestId = RequestId, Comment = comment, Signature = signature }, cancellationToken: cancellationToken);
        GrantId = response.Grant.GrantId;
        var decision = response.Request.Decisions[^1];
        if (!decision.Signed || !decision.CredentialId.Span.SequenceEqual(_approverPasskey.CredentialId))
        {
            throw new InvalidDataException($"the cloud recorded the approval {(decision.Signed ? "signed by another credential" : "unsigned")}");
        }

        ApprovalStatementSha256 = Convert.ToHexStringLower(decision.StatementSha256.Span);
        Say($"{_approver!.Name} taps 同意 and confirms with his fingerprint: his passkey, credential {ShortCredentialId(_approverPasskey.CredentialId)}, signed the approval statement "
            + $"(sha256 {ApprovalStatementSha256[..16]}…: request, village, matter, seal, copies, material digests, decision, comment, approver, time, nonce); the cloud verified the signature before recording it");
        _ = readyAt.Task.ContinueWith(t => _report.ApprovalToReadyMs = t.Result - ApprovedAt, TaskScheduler.Default);
        var request = response.Request;
        if (request.SubmittedTime is not null && request.Decisions.Count > 0 && request.Decisions[^1].Time is not null)
        {
            _report.SubmitToApprovalMs = (long)(request.Decisions[^1].Time.ToDateTime() - request.SubmittedTime.ToDateTime()).TotalMilliseconds;
        }

        return Say($"{_approver} approved remotely, the approval signed; grant {GrantId} (counter {response.Grant.Counter}, sleeve {response.Grant.Sleeve}, {response.Grant.PressesAllowed} press)");
    }

    private async Task<string> GrantArrivesAsync(CancellationToken cancellationToken)
    {
        var cabinet = TheCabinet;
        var (accepted, _) = await cabinet.WaitForEventAsync(e => e.Type == CoreEventType.GrantAccepted && e.Event.GrantId == GrantId, 0, _options.StepTimeout, "GRANT_ACCEPTED for the grant", cancellationToken).ConfigureAwait(false);
        var viaMqtt = cabinet.GrantMessagesReceived > 0 ? "over MQTT" : "by the FetchGrants poll (no MQTT message arrived)";
        await cabinet.WaitUntilAsync(() => cabinet.Firmware?.GetSleevePhase(CommitteeSleeve) == SleevePhase.Ready, _options.StepTimeout, "the committee sleeve READY", cancellationToken).ConfigureAwait(false);
        Say($"cabinet received the grant {viaMqtt}, verified MAC, device, sleeve, expiry against trusted time and counter {accepted.Event.GrantCounter}; committee sleeve READY: its light on, still locked");

        // Somebody in the hall pushes the Party sleeve's button, for which there is no grant: nothing may open.
        var partyUnlocks = cabinet.Board.Sleeve(PartySleeve).Solenoid.OnCount;
        await cabinet.PushStampButtonAsync(PartySleeve, _options.StepTimeout, cancellationToken).ConfigureAwait(false);
        if (cabinet.Board.Sleeve(PartySleeve).Solenoid.OnCount != partyUnlocks || !cabinet.Board.Sleeve(CommitteeSleeve).LatchEngaged)
        {
            throw new InvalidOperationException("a stamp button opened a sleeve without the custodian's grant");
        }

        Say("a stranger pushes the Party sleeve's stamp button: no grant, nothing opens");

        // Then the lit committee sleeve's own button, without authenticating: the grant names the custodian, not whoever stands there.
        var from = cabinet.Events.Count;
        await cabinet.PushStampButtonAsync(CommitteeSleeve, _options.StepTimeout, cancellationToken).ConfigureAwait(false);
        var (refused, _) = await cabinet.WaitForEventAsync(e => e.Type == CoreEventType.StampButtonRefused && e.Event.Sleeve == CommitteeSleeve, from, _options.StepTimeout, "STAMP_BUTTON_REFUSED", cancellationToken).ConfigureAwait(false);
        if (!cabinet.Board.Sleeve(CommitteeSleeve).LatchEngaged)
        {
            throw new InvalidOperationException("the READY sleeve opened for a button pushed without authentication");
        }

        return Say($"the stranger pushes the READY committee sleeve's button without a PIN: it stays locked, recorded as STAMP_BUTTON_REFUSED ({refused.Event.Detail})");
    }

    private async Task<string> StampAsync(CancellationToken cancellationToken)
    {
        var cabinet = TheCabinet;
        var relocked = await Custodian.StampAsync(cabinet, CommitteeSleeve, 1, CustodianCredential.WithPin(CustodianPin), _options.StepTimeout, cancellationToken).ConfigureAwait(false);
        Say($"{_custodian} typed her PIN on the cabinet's PIN pad (CUSTODIAN_AUTHENTICATED, person photo) and pushed the committee sleeve's \"stamp\" button: sleeve 2 unlocked, seal lifted, 1 press, seal returned, sleeve relocked ({relocked.Event.PressCount} press counted)");
        await cabinet.WaitUntilAsync(() => cabinet.Snapshot() is { AckedSeq: > 0 } s && s.AckedSeq == s.LastSeq, _options.StepTimeout, "every event acked", cancellationToken).ConfigureAwait(false);
        var photos = string.Join(", ", cabinet.Events.Where(e => e.Type == CoreEventType.EvidenceCaptured && e.Event.GrantId == GrantId).Select(e => $"{EventNames.Of(e.Event.EvidenceKind)} {e.Event.EvidenceSize / 1024} KB"));
        await cabinet.WaitUntilAsync(() => cabinet.Snapshot().EvidencePending == 0, _options.StepTimeout, "every photo uploaded", cancellationToken).ConfigureAwait(false);
        return Say($"photos taken and uploaded: {photos}; journal acked up to seq {cabinet.Snapshot().AckedSeq}");
    }

    private async Task<string> StampingCompletedAsync(CancellationToken cancellationToken)
    {
        var done = await _approverInbox!.WaitAsync(n => n.Kind == NotificationKind.StampingCompleted && n.RequestId == RequestId, _options.StepTimeout, "the completed stamping", cancellationToken).ConfigureAwait(false);
        if (done.PressCount != 1 || done.EvidenceIds.Count != 3)
        {
            throw new InvalidOperationException($"the completion names {done.PressCount} presses and {done.EvidenceIds.Count} photos, not 1 press and 3 photos");
        }

        return Say($"{_approver} notified: {Quote(done)} ({done.PressCount} press, photos {string.Join(", ", done.EvidenceIds)})");
    }

    private async Task<string> ForceAsync(CancellationToken cancellationToken)
    {
        var cabinet = TheCabinet;
        cabinet.Force(PartySleeve);
        var (forced, _) = await cabinet.WaitForEventAsync(e => e.Type == CoreEventType.ForcedOpenAlarm && e.Event.Sleeve == PartySleeve, 0, _options.StepTimeout, "FORCED_OPEN_ALARM", cancellationToken).ConfigureAwait(false);
        Say($"someone forces the Party seal out of its locked sleeve: FORCED_OPEN_ALARM (seq {forced.Event.Seq}), buzzer " + (cabinet.Board.Buzzer.IsOn ? "sounding" : "silent"));
        await cabinet.WaitUntilAsync(() => cabinet.Snapshot().AckedSeq >= forced.Event.Seq, _options.StepTimeout, $"the alarm (seq {forced.Event.Seq}) acked by the cloud", cancellationToken).ConfigureAwait(false);
        var alarm = await _supervisorInbox!.WaitAsync(n => n.Kind == NotificationKind.Alarm && n.DeviceId == cabinet.DeviceId, _options.StepTimeout, "the alarm", cancellationToken).ConfigureAwait(false);
        return Say($"{_supervisor} alerted on the phone: {Quote(alarm)}");
    }

    private async Task<string> ReplayAsync(CancellationToken cancellationToken)
    {
        var cabinet = TheCabinet;
        var captured = cabinet.ReceivedGrants.LastOrDefault() ?? throw new InvalidOperationException("no grant was captured from MQTT to replay");
        var from = cabinet.Events.Count;
        var unlocksBefore = cabinet.Board.Sleeve(CommitteeSleeve).Solenoid.OnCount;
        cabinet.InjectGrant(captured);
        var (refused, _) = await cabinet.WaitForEventAsync(e => e.Type == CoreEventType.GrantRefused && e.Event.GrantId == GrantId, from, _options.StepTimeout, "GRANT_REFUSED for the replayed grant", cancellationToken).ConfigureAwait(false);
        if (refused.Event.RefusalReason != CoreRefusal.Replayed)
        {
            throw new InvalidOperationException($"the replayed grant was refused as {refused.Event.RefusalReason}, not REPLAYED");
        }

        if (cabinet.Board.Sleeve(CommitteeSleeve).Solenoid.OnCount != unlocksBefore)
        {
            throw new InvalidOperationException("the replayed grant unlocked the sleeve");
        }

        Say($"an attacker replays the grant captured from MQTT: GRANT_REFUSED REPLAYED (seq {refused.Event.Seq}, its counter is used); the committee sleeve stays locked");
        CloudCabinet? seen = null;
        await PollAsync(
            async () =>
            {
                seen = (await _supervisor!.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = cabinet.DeviceId }, cancellationToken: cancellationToken)).Cabinet;
                return seen.LastSeq >= refused.Event.Seq;
            },
            "the refusal event stored in the cloud",
            cancellationToken).ConfigureAwait(false);
        return Say($"the refusal reached the cloud: events stored up to seq {seen!.LastSeq}");
    }

    private async Task<string> PowerLossAsync(CancellationToken cancellationToken)
    {
        var cabinet = TheCabinet;
        cabinet.ArmPowerCutDuringUpload("PushEvents");
        cabinet.Return(PartySleeve);
        await cabinet.WaitUntilAsync(() => !cabinet.IsPowered, _options.StepTimeout, "the power cut during the upload", cancellationToken).ConfigureAwait(false);
        Say("the Party seal is put back; while the cabinet uploads that, the power fails before the cloud's ack arrives");
        await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
        cabinet.PowerOn();
        await cabinet.WaitUntilAsync(() => cabinet.Snapshot() is { AckedSeq: > 0 } s && s.AckedSeq == s.LastSeq, _options.StepTimeout, "every event acked after the boot", cancellationToken).ConfigureAwait(false);
        var stored = await _technician!.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = cabinet.DeviceId }, cancellationToken: cancellationToken);
        var last = cabinet.Snapshot().LastSeq;
        if (stored.Cabinet.LastSeq != last)
        {
            throw new InvalidOperationException($"the cloud holds events up to seq {stored.Cabinet.LastSeq}, the cabinet journaled {last}");
        }

        return Say($"power back (boot {cabinet.Boots}): the journal recovered, the unacked batch was sent again, the cloud kept one copy; cloud and cabinet agree on seq {last}");
    }

    private async Task<string> SummaryAsync(CancellationToken cancellationToken)
    {
        var cabinet = TheCabinet;
        var events = cabinet.Events;
        var statistics = await _supervisor!.Audit.GetStatisticsAsync(new GetStatisticsRequest
        {
            VillageId = VillageId,
            From = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(-1)),
            To = Timestamp.FromDateTime(DateTime.UtcNow.AddHours(1)),
        }, cancellationToken: cancellationToken);
        var anomalies = await WaitForAnomaliesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var count in statistics.BySealKind.Where(c => c.Stampings > 0))
        {
            _report.StampingsPerSeal[count.Key] = count.Stampings;
        }

        var atCabinet = events.Where(e => e.Type == CoreEventType.SleeveRelocked && e.Event.PressCount > 0)
            .GroupBy(e => SleeveKinds[e.Event.Sleeve - 1])
            .ToDictionary(g => g.Key, g => (long)g.Count());
        if (!atCabinet.OrderBy(p => p.Key).SequenceEqual(_report.StampingsPerSeal.OrderBy(p => p.Key)))
        {
            throw new InvalidDataException($"the cloud counts stampings {Format(_report.StampingsPerSeal)}, the cabinet's journal {Format(atCabinet)}");
        }

        var perSeal = string.Join(", ", statistics.BySealKind.Select(s => $"{s.Key} {s.Stampings} stamping(s) / {s.Presses} press(es)"));
        Say($"stampings per seal (Audit.GetStatistics, the same as the cabinet's journal): {(perSeal.Length == 0 ? "none" : perSeal)}");
        var approveToStamp = statistics.ApproveToStamp is { Count: > 0 } cloudLatency ? $", approve → first press (cloud) median {cloudLatency.MedianSeconds:0.0} s" : string.Empty;
        Say($"approval latency: submit → approve {Seconds(_report.SubmitToApprovalMs)}, approve → sleeve READY {(_report.ApprovalToReadyMs is { } ms ? $"{ms} ms" : "not measured")}{approveToStamp}");
        var alarms = events.Where(e => e.Type is CoreEventType.ForcedOpenAlarm or CoreEventType.TamperAlarm or CoreEventType.OveruseAlarm or CoreEventType.SealNotReturnedAlarm or CoreEventType.WrongSealReturned or CoreEventType.SensorFault).ToList();
        _report.Alarms = alarms.Count;
        var refusals = events.Count(e => e.Type == CoreEventType.GrantRefused);
        Say($"alarms: {alarms.Count} at the cabinet ({string.Join(", ", alarms.Select(e => $"{EventNames.Of(e.Type)} sleeve {e.Event.Sleeve}"))}), {refusals} grant refusal(s); "
            + $"{anomalies.Anomalies.Count} anomalies open for the supervisor{(anomalies.Anomalies.Count == 0 ? string.Empty : ": " + string.Join("; ", anomalies.Anomalies.Select(a => $"{a.Rule} ({a.Summary})")))}");
        (_report.LedgerVerification, _report.ApprovalVerification) = await VerifyLedgerAsync(cancellationToken).ConfigureAwait(false);
        Say(_report.LedgerVerification);
        Say(_report.ApprovalVerification);
        Say($"cabinet journal: {events.Count} events over {cabinet.Boots} boots, all acked; data left in {_report.DataDirectory}");
        return "summary printed";
    }

    /// <summary>The supervisor's anomalies once the detector has seen the forced opening and the replay (at most 10 s).</summary>
    private async Task<ListAnomaliesResponse> WaitForAnomaliesAsync(CancellationToken cancellationToken)
    {
        string[] expected = ["forced-opening", "grant-refused-replay-or-bad-mac"];
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var anomalies = await _supervisor!.Audit.ListAnomaliesAsync(new ListAnomaliesRequest { VillageId = VillageId }, cancellationToken: cancellationToken);
            if (expected.All(rule => anomalies.Anomalies.Any(a => a.Rule == rule)))
            {
                return anomalies;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidDataException(
                    $"the supervisor's anomalies lack {string.Join(", ", expected.Where(rule => anomalies.Anomalies.All(a => a.Rule != rule)))} after 10 s");
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What <c>sealctl audit export --sign</c> and <c>sealctl audit verify --rp-id localhost --origin … --require-signed-approvals</c>
    /// do: a fresh signed tree head and the whole ledger with an inclusion proof per entry, verified offline with the
    /// ledger's public key (head signature, inclusion, every record against its leaf, every approval's passkey
    /// signature against the credential registered earlier in the ledger, every grant backed by a signed approval);
    /// then that every event the cabinet journaled is in the ledger with the exact bytes it signed, and that the
    /// story's approval is the one the approver's passkey signed in step 2. The demo's entries are those naming its
    /// cabinet, its request or the approver's passkey.
    /// </summary>
    private async Task<(string Ledger, string Approval)> VerifyLedgerAsync(CancellationToken cancellationToken)
    {
        var (bundle, head) = await LedgerBundleFetch.WholeLedgerAsync(_supervisor!.Audit, cancellationToken).ConfigureAwait(false);
        var entries = bundle.Entries;
        var origins = _cloud!.ConsoleOrigins;
        var result = BundleVerifier.Verify(bundle, LedgerPublicKey.FromSubjectPublicKeyInfo(bundle.PublicKey), new BundleVerifierOptions
        {
            RelyingPartyId = RelyingPartyId,
            AllowedOrigins = [.. origins],
            RequireSignedApprovals = true,
            TrustedRoots = [.. _cloud.TrustedRoots],
        });
        if (!result.IsValid)
        {
            throw new InvalidDataException($"the ledger (size {head.TreeSize}) does not verify offline: {string.Join("; ", result.Failures)}");
        }

        var credential = Convert.ToBase64String(_approverPasskey!.CredentialId);
        var ours = entries.Where(e => Names(e, TheCabinet.DeviceId) || Names(e, RequestId) || Names(e, credential)).ToList();
        if (ours.Count == 0)
        {
            throw new InvalidDataException($"the ledger (size {head.TreeSize}) holds no entry naming cabinet {TheCabinet.DeviceId}, request {RequestId} or the approver's passkey");
        }

        var journaled = TheCabinet.Events.GroupBy(e => e.Event.Seq).ToDictionary(g => g.Key, g => g.First().SignedEventBytes);
        var logged = new HashSet<ulong>();
        foreach (var entry in ours.Where(e => e.Kind == "device.event"))
        {
            using var record = JsonDocument.Parse(entry.Record);
            var seq = record.RootElement.GetProperty("seq").GetUInt64();
            var bytes = Convert.FromBase64String(record.RootElement.GetProperty("event").GetString() ?? string.Empty);
            if (!journaled.TryGetValue(seq, out var signedBytes) || !signedBytes.AsSpan().SequenceEqual(bytes))
            {
                throw new InvalidDataException($"ledger entry {entry.Index} holds event seq {seq} of the cabinet, but not the bytes the cabinet signed");
            }

            logged.Add(seq);
        }

        var unlogged = journaled.Keys.Where(seq => !logged.Contains(seq)).ToList();
        if (unlogged.Count > 0)
        {
            throw new InvalidDataException($"the ledger (size {head.TreeSize}) lacks the cabinet's events {string.Join(", ", unlogged)}");
        }

        var kinds = string.Join(", ", ours.GroupBy(e => e.Kind).Select(g => $"{g.Count()} {g.Key}"));
        var ledger = $"ledger verified: every one of the cabinet's {logged.Count} events is logged with the exact bytes it signed; all {result.EntriesProven} entries proven in the signed tree head of size {head.TreeSize}, "
            + $"root {Convert.ToHexStringLower(head.RootHash.Span)[..16]}…, signature valid (key {Convert.ToHexStringLower(head.KeyId.Span)[..16]}…); {ours.Count} of them this demo's ({kinds})";
        return (ledger, ApprovalVerified(result, origins));
    }

    /// <summary>The story's approval as the offline check found it: valid, signed by the approver's passkey over the statement of step 2, backing the grant.</summary>
    private string ApprovalVerified(BundleVerificationResult result, IReadOnlyList<string> origins)
    {
        var approval = result.Approvals.SingleOrDefault(a => a.RequestId == RequestId && a.Kind == "request.approved")
            ?? throw new InvalidDataException($"the ledger holds no approval of request {RequestId}");
        if (approval.Status != ApprovalStatus.Valid
            || approval.CredentialId != Convert.ToBase64String(_approverPasskey!.CredentialId)
            || approval.StatementSha256 != ApprovalStatementSha256)
        {
            throw new InvalidDataException(
                $"the approval of request {RequestId} (entry {approval.EntryIndex}) is not the statement {_approver!.Name}'s passkey signed: {approval.Status}, credential {ShortCredentialId(approval.CredentialId)}, {approval.Detail}");
        }

        var grants = result.Grants.Where(g => g.RequestId == RequestId).ToList();
        if (grants.Count == 0 || grants.Any(g => g.Status != GrantApprovalStatus.SignedApproval || g.ApprovalEntryIndex != approval.EntryIndex))
        {
            throw new InvalidDataException($"the grant of request {RequestId} is not backed by its signed approval at entry {approval.EntryIndex}");
        }

        var registration = result.Credentials.Single(c => c.EntryIndex == approval.CredentialEntryIndex);
        var endorser = result.Credentials.SingleOrDefault(c => c.EntryIndex == registration.EndorserEntryIndex);
        if (registration.Status != CredentialStatus.Endorsed || endorser is not { IsRoot: true } || endorser.Fingerprint != _root!.Fingerprint)
        {
            throw new InvalidDataException(
                $"the passkey that signed the approval (entry {registration.EntryIndex}) is not endorsed by this run's root passkey: {registration.Status}, {registration.Detail}");
        }

        var valid = result.Approvals.Count(a => a.Status == ApprovalStatus.Valid);
        return $"approval signed by {_approver!.Name}'s passkey, credential {ShortCredentialId(approval.CredentialId)} (registered at entry {approval.CredentialEntryIndex}, endorsed by "
            + $"{registration.EndorserId} with the root passkey of entry {endorser.EntryIndex}, fingerprint {endorser.Fingerprint[..16]}…, a trusted root), over statement sha256 {approval.StatementSha256[..16]}… (entry {approval.EntryIndex}, sign count {approval.SignCount}): "
            + $"offline verification passed — signature under the registered key, challenge = the statement's hash, rp id {RelyingPartyId}, origin {string.Join(" or ", origins)}, user verified; "
            + $"grant entry {string.Join(", ", grants.Select(g => g.EntryIndex))} backed by it; {valid} of {result.Approvals.Count} decision(s) in the ledger signed and valid";
    }

    /// <summary>A fingerprint's first 16 hex digits in groups of four, as the console shows it.</summary>
    private static string Grouped(string fingerprint) => string.Join(' ', fingerprint[..16].Chunk(4).Select(c => new string(c)));

    private static bool Names(BundleEntry entry, string id) =>
        id.Length > 0 && entry.Record.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(id)) >= 0;

    private async Task PollAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _options.StepTimeout;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{what}: not seen within {_options.StepTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Format(IEnumerable<KeyValuePair<string, long>> counts) =>
        "{" + string.Join(", ", counts.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")) + "}";

    private static string Quote(Notification notification) => $"\"{notification.Title}\" — {notification.Body}";

    private static string Seconds(long? ms) => ms is { } value ? $"{value / 1000.0:0.0} s" : "not measured";

    private static async Task IgnoreExisting<T>(AsyncUnaryCall<T> call)
    {
        try
        {
            await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            // Set up by an earlier run on the same data directory.
        }
    }

    private async Task WaitForCloudAsync(Organization.OrganizationClient client, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _options.Cloud.StartTimeout;
        while (true)
        {
            try
            {
                await client.ListMattersAsync(new ListMattersRequest(), cancellationToken: cancellationToken);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static CloudActor Actor(GrpcChannel channel, DevelopmentTokens tokens, string id, string name, string role, string claim) =>
        new(channel, id, name, role, tokens.Mint(id, name, claim));

    /// <summary>A credential as sealctl audit verify names it: the first 8 characters of its base64 id, as the ledger writes it.</summary>
    private static string ShortCredentialId(ReadOnlySpan<byte> credentialId) => ShortCredentialId(Convert.ToBase64String(credentialId));

    private static string ShortCredentialId(string base64) => base64.Length <= 8 ? base64 : base64[..8] + "…";

    private void Line(int number, string title) =>
        _timeline($"[{_clock.Elapsed.TotalSeconds,5:0.0} s] {(number == 0 ? "set-up" : $"step {number}")}: {title}");

    private string Say(string text)
    {
        _timeline($"[{_clock.Elapsed.TotalSeconds,5:0.0} s]     {text}");
        return text;
    }

    private void Fail(int number, string title, string why)
    {
        _report.Steps.Add(new DemoStepResult(number, title, false, why));
        _timeline($"[{_clock.Elapsed.TotalSeconds,5:0.0} s]     FAILED: {why}");
    }
}
