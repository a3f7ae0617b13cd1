using System.Security.Cryptography;
using System.Text;
using SealCabinet.Firmware.Core.Authentication;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.Firmware.Core.Tests.Support;
using Contract = SealCabinet.Contracts.V1;
using ET = SealCabinet.Contracts.V1.EventType;

namespace SealCabinet.Firmware.Core.Tests.Authentication;

/// <summary>Who may open a READY sleeve: the person its grant names, authenticated at the cabinet, with a manual clock.</summary>
[TestFixture]
public sealed class CabinetAuthenticationTests
{
    private Cabinet _cabinet = null!;

    [SetUp]
    public void SetUp()
    {
        _cabinet = new Cabinet();
        _cabinet.Boot();
        _cabinet.SyncWithCloud();
        Assert.That(_cabinet.Firmware.HasTrustedTime, Is.True);
    }

    [TearDown]
    public void TearDown() => _cabinet.Dispose();

    [Test]
    public void The_right_pin_and_the_button_unlock_and_the_person_is_photographed_at_authentication()
    {
        using Cabinet cabinet = new(configure: c => c.EvidenceCapture = true);
        cabinet.Boot();
        cabinet.SyncWithCloud();
        SignedGrant grant = cabinet.IssueGrant(2);
        cabinet.Firmware.SubmitGrant(grant.ToByteArray());
        cabinet.Tick();

        cabinet.EnterPin();

        Assert.That(cabinet.Firmware.AuthenticatedPerson, Is.EqualTo(CloudDevice.Custodian));
        Contract.DeviceEvent authenticated = cabinet.JournalEvents().Single(e => e.Type == ET.CustodianAuthenticated);
        Assert.That(authenticated.PersonId, Is.EqualTo(CloudDevice.Custodian));
        Assert.That(authenticated.Detail, Is.EqualTo("pin"));
        Assert.That(authenticated.GrantId, Is.EqualTo(UnlockGrant.Parse(grant.Grant).GrantId));
        Assert.That(cabinet.Camera.Kinds, Is.EqualTo(new[] { EvidenceKind.Person }), "the person photo is taken when they authenticate");
        Assert.That(cabinet.Solenoids[1].OnCount, Is.Zero, "authentication alone opens nothing");

        cabinet.PushStampButton(2);

        Assert.That(cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Unlocking));
        Assert.That(cabinet.Camera.Kinds, Is.EqualTo(new[] { EvidenceKind.Person, EvidenceKind.DocumentBefore }));
        Assert.That(cabinet.Firmware.AuthenticatedPerson, Is.Empty, "one authentication opens one sleeve");
    }

    [Test]
    public void A_board_without_a_pin_pad_and_a_card_reader_opens_no_sleeve_for_the_button_alone()
    {
        using Cabinet cabinet = new(authenticationParts: false);
        cabinet.Boot();
        cabinet.SyncWithCloud();
        cabinet.Firmware.SubmitGrant(cabinet.IssueGrant(2).ToByteArray());
        cabinet.Tick();

        cabinet.PushStampButton(2);

        Assert.That(cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Ready), "nobody can authenticate, so the button alone must not open");
        Assert.That(cabinet.Solenoids[1].OnCount, Is.Zero);
        Assert.That(cabinet.JournalEvents().Single(e => e.Type == ET.Boot).Detail, Does.Contain("authentication by nothing"));
        Assert.That(cabinet.JournalEvents().Single(e => e.Type == ET.StampButtonRefused).Detail, Does.Contain("nobody authenticated"));
    }

    [Test]
    public void A_stranger_pressing_the_button_of_a_ready_sleeve_opens_nothing_and_is_recorded_once()
    {
        _cabinet.Firmware.SubmitGrant(_cabinet.IssueGrant(1).ToByteArray());
        _cabinet.Tick();

        for (int i = 0; i < 5; i++)
        {
            _cabinet.PushStampButton(1);
        }

        Assert.That(_cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.Ready));
        Assert.That(_cabinet.Solenoids[0].OnCount, Is.Zero);
        List<Contract.DeviceEvent> refused = _cabinet.JournalEvents().Where(e => e.Type == ET.StampButtonRefused).ToList();
        Assert.That(refused, Has.Count.EqualTo(1), "presses in quick succession are recorded once");
        Assert.That(refused[0].Detail, Is.EqualTo("nobody authenticated at the cabinet"));
        Assert.That(refused[0].Sleeve, Is.EqualTo(1));
    }

    [Test]
    public void A_custodian_cannot_open_the_sleeve_of_another_custodians_grant()
    {
        _cabinet.Cloud.Roster = _cabinet.Cloud.BuildRoster(2, Contract.CabinetAuthPolicy.Pin, new RosterPerson("custodian-1", "2468"), new RosterPerson("custodian-2", "1357"));
        Poll();
        _cabinet.Firmware.SubmitGrant(_cabinet.IssueGrant(1, custodianId: "custodian-2").ToByteArray());
        _cabinet.Firmware.SubmitGrant(_cabinet.IssueGrant(2, custodianId: "custodian-1").ToByteArray());
        _cabinet.Run(200);
        Assert.That(_cabinet.Firmware.RosterVersion, Is.EqualTo(2UL), "the new roster came with the poll");

        _cabinet.EnterPin("2468");
        _cabinet.PushStampButton(1);

        Assert.That(_cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.Ready));
        Assert.That(_cabinet.JournalEvents().Last(e => e.Type == ET.StampButtonRefused).Detail, Is.EqualTo("the grant is for another person"));
        _cabinet.PushStampButton(2);
        Assert.That(_cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Unlocking));
    }

    [Test]
    public void Five_wrong_pins_lock_the_pad_raise_an_alarm_and_the_next_lockout_lasts_twice_as_long()
    {
        _cabinet.Firmware.SubmitGrant(_cabinet.IssueGrant(1, validForMs: 3_600_000).ToByteArray());
        _cabinet.Tick();

        for (int i = 0; i < AuthenticationDesk.MaxFailures; i++)
        {
            _cabinet.EnterPin("1111");
        }

        List<Contract.DeviceEvent> events = _cabinet.JournalEvents();
        Assert.That(events.Where(e => e.Type == ET.AuthenticationFailed).Select(e => e.Detail),
            Is.EqualTo(Enumerable.Range(1, 5).Select(n => $"wrong PIN, attempt {n} of 5")));
        Contract.DeviceEvent lockout = events.Single(e => e.Type == ET.AuthenticationLockout);
        Assert.That(lockout.PersonId, Is.EqualTo(CloudDevice.Custodian), "the supervisor learns whose grant was tried");
        Assert.That(lockout.Detail, Does.Contain("for 60 s"));
        Assert.That(_cabinet.Buzzer.IsOn, Is.True, "a lockout is an alarm");
        Assert.That(_cabinet.Firmware.IsAuthenticationLockedOut, Is.True);

        _cabinet.EnterPin();
        Assert.That(_cabinet.Firmware.AuthenticatedPerson, Is.Empty, "during the lockout even the right PIN is refused unchecked");
        _cabinet.PushStampButton(1);
        Assert.That(_cabinet.Solenoids[0].OnCount, Is.Zero);

        _cabinet.Run(AuthenticationDesk.FirstLockoutMs, step: 1_000);
        for (int i = 0; i < AuthenticationDesk.MaxFailures; i++)
        {
            _cabinet.EnterPin("1111");
        }

        Assert.That(_cabinet.JournalEvents().Last(e => e.Type == ET.AuthenticationLockout).Detail, Does.Contain("for 120 s"));
        _cabinet.Run(2 * AuthenticationDesk.FirstLockoutMs, step: 1_000);
        _cabinet.EnterPin();
        Assert.That(_cabinet.Firmware.AuthenticatedPerson, Is.EqualTo(CloudDevice.Custodian));
    }

    [Test]
    public void A_power_cut_neither_forgets_wrong_attempts_nor_ends_a_lockout()
    {
        _cabinet.Firmware.SubmitGrant(_cabinet.IssueGrant(1, validForMs: 3_600_000).ToByteArray());
        _cabinet.Tick();
        for (int i = 0; i < 4; i++)
        {
            _cabinet.EnterPin("1111");
        }

        _cabinet.PowerCycle();
        _cabinet.SyncWithCloud();
        _cabinet.EnterPin("1111");

        Assert.That(_cabinet.Firmware.IsAuthenticationLockedOut, Is.True, "the fifth attempt after the power cut locks");
        _cabinet.PowerCycle();
        _cabinet.SyncWithCloud();
        Assert.That(_cabinet.Firmware.IsAuthenticationLockedOut, Is.True, "a lockout starts again in full after a power cut");
    }

    [Test]
    public void An_authentication_without_the_button_lapses_and_then_the_button_opens_nothing()
    {
        _cabinet.Firmware.SubmitGrant(_cabinet.IssueGrant(3).ToByteArray());
        _cabinet.Tick();
        _cabinet.EnterPin();

        _cabinet.Run(AuthenticationDesk.SessionMs, step: 1_000);
        _cabinet.PushStampButton(3);

        Assert.That(_cabinet.Firmware.GetSleevePhase(3), Is.EqualTo(SleevePhase.Ready));
        Assert.That(_cabinet.Solenoids[2].OnCount, Is.Zero);
    }

    [Test]
    public void A_power_cut_between_authentication_and_the_button_asks_for_the_pin_again()
    {
        _cabinet.Firmware.SubmitGrant(_cabinet.IssueGrant(2).ToByteArray());
        _cabinet.Tick();
        _cabinet.EnterPin();

        _cabinet.PowerCycle();
        _cabinet.SyncWithCloud();
        _cabinet.PushStampButton(2);

        Assert.That(_cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Ready), "the sleeve is still READY, but nobody is authenticated");
        Assert.That(_cabinet.Solenoids[1].OnCount, Is.Zero);
        _cabinet.Run(6_000, step: 1_000);
        _cabinet.EnterPin();
        _cabinet.PushStampButton(2);
        Assert.That(_cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Unlocking));
    }

    [Test]
    public void A_pin_typed_while_nothing_is_ready_is_recorded_and_not_counted()
    {
        _cabinet.EnterPin("1111");

        Contract.DeviceEvent failed = _cabinet.JournalEvents().Single(e => e.Type == ET.AuthenticationFailed);
        Assert.That(failed.Detail, Is.EqualTo("PIN typed while no sleeve is READY"));
        Assert.That(_cabinet.Firmware.IsAuthenticationLockedOut, Is.False);
    }

    [Test]
    public void The_custodians_card_authenticates_where_the_village_takes_cards_and_an_unknown_card_counts_as_a_wrong_attempt()
    {
        _cabinet.Firmware.SubmitGrant(_cabinet.IssueGrant(1).ToByteArray());
        _cabinet.Tick();

        _cabinet.PresentCard([0x04, 0x00, 0x00, 0x01]);
        Assert.That(_cabinet.JournalEvents().Last(e => e.Type == ET.AuthenticationFailed).Detail, Is.EqualTo("unknown card, attempt 1 of 5"));
        _cabinet.PresentCard(CloudDevice.CustodianCard);

        Assert.That(_cabinet.Firmware.AuthenticatedPerson, Is.EqualTo(CloudDevice.Custodian));
        Assert.That(_cabinet.JournalEvents().Last(e => e.Type == ET.CustodianAuthenticated).Detail, Is.EqualTo("card"));
        _cabinet.PushStampButton(1);
        Assert.That(_cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.Unlocking));
    }

    [Test]
    public void Where_the_village_asks_for_card_and_pin_the_card_alone_does_not_open()
    {
        _cabinet.Cloud.Roster = _cabinet.Cloud.BuildRoster(2, Contract.CabinetAuthPolicy.PinAndCard, new RosterPerson(CloudDevice.Custodian, CloudDevice.Pin, CloudDevice.CustodianCard));
        Poll();
        _cabinet.Firmware.SubmitGrant(_cabinet.IssueGrant(1).ToByteArray());
        _cabinet.Run(200);
        _cabinet.EnterPin();
        Assert.That(_cabinet.JournalEvents().Last(e => e.Type == ET.AuthenticationFailed).Detail, Is.EqualTo("PIN typed without a card first"));

        _cabinet.PresentCard(CloudDevice.CustodianCard);
        Assert.That(_cabinet.Firmware.AuthenticatedPerson, Is.Empty, "the card waits for its holder's PIN");
        _cabinet.EnterPin();

        Assert.That(_cabinet.Firmware.AuthenticatedPerson, Is.EqualTo(CloudDevice.Custodian));
        Assert.That(_cabinet.JournalEvents().Last(e => e.Type == ET.CustodianAuthenticated).Detail, Is.EqualTo("card+pin"));
    }

    [Test]
    public void A_cabinet_without_a_roster_says_so_at_boot_and_takes_the_first_one_from_the_poll()
    {
        using Cabinet cabinet = new(withRoster: false);
        cabinet.Boot();
        Assert.That(cabinet.JournalEvents().Single(e => e.Type == ET.Boot).Detail, Does.Contain("no custodian roster yet: no stamp button opens anything"));

        cabinet.SyncWithCloud();

        Assert.That(cabinet.Firmware.RosterVersion, Is.EqualTo(1UL));
        Assert.That(cabinet.JournalEvents().Single(e => e.Type == ET.RosterUpdated).Detail, Is.EqualTo("version 1, policy pin-or-card, 1 custodians"));
    }

    [Test]
    public void A_roster_with_a_bad_mac_is_refused_and_the_one_in_force_stays()
    {
        Contract.SignedRoster forged = _cabinet.Cloud.BuildRoster(5, Contract.CabinetAuthPolicy.Pin, new RosterPerson("intruder", "0000"));
        forged.Mac = Google.Protobuf.ByteString.CopyFrom(new byte[32]);
        _cabinet.Cloud.Roster = forged;
        Poll();
        Assert.That(_cabinet.Firmware.RosterVersion, Is.EqualTo(1UL));
        Assert.That(_cabinet.JournalEvents().Last(e => e.Type == ET.RosterUpdated).Detail, Is.EqualTo("refused: bad MAC"));
    }

    [Test]
    public void A_grant_withdrawn_while_ready_gives_the_sleeve_back_without_moving()
    {
        SignedGrant grant = _cabinet.IssueGrant(2);
        _cabinet.Firmware.SubmitGrant(grant.ToByteArray());
        _cabinet.Tick();
        Assert.That(_cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Ready));

        _cabinet.Cloud.Withdraw(Contract.SignedGrant.Parser.ParseFrom(grant.ToByteArray()), "request cancelled");
        Poll();
        Poll();

        Assert.That(_cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Locked));
        Assert.That(_cabinet.ReadyLights[1].IsOn, Is.False);
        Assert.That(_cabinet.JournalEvents().Where(e => e.Type == ET.GrantWithdrawn).Select(e => e.Detail), Is.EqualTo(new[] { "request cancelled" }), "repeated copies leave no trace");
        _cabinet.EnterPin();
        _cabinet.PushStampButton(2);
        Assert.That(_cabinet.Solenoids[1].OnCount, Is.Zero);
    }

    [Test]
    public void A_grant_withdrawn_before_it_arrives_can_never_be_armed()
    {
        SignedGrant grant = _cabinet.IssueGrant(1);
        _cabinet.Cloud.Withdraw(Contract.SignedGrant.Parser.ParseFrom(grant.ToByteArray()));
        Poll();
        Assert.That(_cabinet.JournalEvents().Single(e => e.Type == ET.GrantWithdrawn).Detail, Is.EqualTo("request cancelled (before it reached the cabinet)"));

        _cabinet.Firmware.SubmitGrant(grant.ToByteArray());
        _cabinet.Tick();

        Assert.That(_cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.Locked));
        Assert.That(_cabinet.Firmware.LastGrantDecision!.Reason, Is.EqualTo(GrantRefusalReason.Replayed));
    }

    /// <summary>The cabinet asks the gateway at once (as after an MQTT loss) and handles the answer.</summary>
    private void Poll()
    {
        _cabinet.Firmware.Uplink!.RequestPollNow();
        _cabinet.Run(2_000, step: 100);
    }

    [Test]
    public void The_pin_verifier_is_pbkdf2_hmac_sha256_as_rfc_7914_and_the_bcl_compute_it()
    {
        byte[] rfc = Pbkdf2.DeriveBlock(Encoding.ASCII.GetBytes("passwd"), Encoding.ASCII.GetBytes("salt"), 1, new ManagedMacProvider());
        Assert.That(Convert.ToHexStringLower(rfc), Is.EqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"));

        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] ours = Pbkdf2.DeriveBlock(Encoding.ASCII.GetBytes("2468"), salt, 1000, new ManagedMacProvider());
        Assert.That(ours, Is.EqualTo(Rfc2898DeriveBytes.Pbkdf2("2468"u8.ToArray(), salt, 1000, HashAlgorithmName.SHA256, 32)));
    }
}
