using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.HardwareSim.Board;
using SealCabinet.HardwareSim.Cabinet;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SealCabinet.HardwareSim.Cli.LiveView;

/// <summary>Renders a cabinet snapshot: the three sleeves, the connection, the journal and the latest events.</summary>
internal static class CabinetView
{
    private const string CabinetKeys = "[grey]1/2/3[/] sleeve  [grey]a[/]uthenticate (PIN pad)  [grey]h[/]old a card  [grey]k[/] stamp button  [grey]l[/]ift  [grey]p[/]ress  [grey]r[/]eturn  " +
        "[grey]w[/]rong seal  [grey]f[/]orce  [grey]s[/]tick press  [grey]e[/]nclosure  [grey]n[/]etwork  [grey]c[/]loud  [grey]b[/]roker  [grey]x[/] power cut  [grey]t[/]orn cut  " +
        "[grey]o[/]n  [grey]d[/]ocument  [grey]q[/]uit";

    public static IRenderable Render(CabinetSnapshot s, KeyCommands keys, IReadOnlyList<RecordedEvent> events, IReadOnlyList<string> notes)
    {
        var selected = keys.Selected;
        var sleeves = new Table().Border(TableBorder.Rounded).Title("sleeves");
        sleeves.AddColumns("", "seal", "phase", "solenoid", "latch", "seat", "in hand", "presses");
        foreach (var sleeve in s.Sleeves)
        {
            sleeves.AddRow(
                sleeve.Number == selected ? "[yellow]▶[/]" : " ",
                $"{sleeve.Number} {sleeve.SealKind}",
                Phase(sleeve.Phase),
                sleeve.SolenoidOn ? "[green]energised[/]" : "off",
                sleeve.LatchEngaged ? "engaged" : "[green]released[/]",
                sleeve.Seat switch { SeatContent.OwnSeal => "seal", SeatContent.WrongSeal => "[red]wrong seal[/]", _ => "[yellow]empty[/]" },
                sleeve.SealInHand ? "[yellow]yes[/]" : "no",
                sleeve.PressCount + (sleeve.PressSensorStuck ? " [red](sensor stuck)[/]" : string.Empty));
        }

        var status = new Grid().AddColumn().AddColumn();
        status.AddRow("device", Markup.Escape(s.DeviceId.Length == 0 ? "(unprovisioned)" : s.DeviceId));
        status.AddRow("power", s.Powered ? $"[green]on[/] (boot {s.Boots}, firmware {s.FirmwareState})" : "[red]off[/]");
        if (s.FaultMessage.Length > 0)
        {
            status.AddRow("fault", $"[red]{Markup.Escape(s.FaultMessage)}[/]");
        }

        status.AddRow("network", $"link {OnOff(s.LinkUp)}, cloud {OnOff(s.CloudReachable)}, broker {OnOff(s.BrokerReachable)}");
        status.AddRow("mqtt", s.MqttConnected ? "[green]connected[/]" : "[yellow]disconnected[/]");
        status.AddRow("trusted time", s.HasTrustedTime ? "[green]yes[/]" : "[yellow]not yet[/]");
        status.AddRow("journal", $"last seq {s.LastSeq}, acked {s.AckedSeq}, photos waiting {s.EvidencePending}");
        status.AddRow("uplink", s.UplinkError.Length == 0 ? "ok" : $"[yellow]{Markup.Escape(s.UplinkError)}[/]");
        status.AddRow("LED / buzzer", $"{(s.StatusLed ? "[green]●[/]" : "○")} {s.LedPattern} / {(s.Buzzer ? "[red]sounding[/]" : "quiet")}");
        status.AddRow("enclosure", s.EnclosureOpen ? "[red]open[/]" : "closed");
        status.AddRow("custodian", Authentication(s));
        status.AddRow("roster", s.RosterVersion == 0 ? "[yellow]none yet: nobody can authenticate[/]" : $"version {s.RosterVersion}");

        var journal = new Rows(events.TakeLast(12).Select(e => (IRenderable)new Markup(Markup.Escape($"b{e.Boot} {e.Describe()}"))).DefaultIfEmpty(new Markup("[grey](no events yet)[/]")));
        var log = new Rows(notes.TakeLast(5).Select(n => (IRenderable)new Markup($"[grey]{Markup.Escape(n)}[/]")).DefaultIfEmpty(new Markup(" ")));
        return new Rows(
            sleeves,
            new Columns(new Panel(status).Header("cabinet"), new Panel(journal).Header("journal (newest last)")),
            new Panel(log).Header("simulator"),
            new Markup(Legend(keys)));
    }

    private static string Authentication(CabinetSnapshot s)
    {
        if (s.AuthenticationLockedOut)
        {
            return "[red]PIN pad and card reader locked out (too many wrong attempts)[/]";
        }

        return s.AuthenticatedPerson.Length == 0
            ? "nobody authenticated"
            : $"[green]{Markup.Escape(s.AuthenticatedPerson)} authenticated[/] (their stamp button opens their READY sleeve)";
    }

    private static string Legend(KeyCommands keys) => keys.Mode switch
    {
        KeyMode.PinPad => $"[blue]PIN pad[/] {new string('•', keys.PinDigitsTyped)}_   [grey]0-9[/] type  [grey]*[/] clear  [grey]#[/] submit  [grey]Esc[/] back",
        KeyMode.CardReader => $"[blue]card UID (hex)[/] {Markup.Escape(keys.CardEntry)}_   [grey]Enter[/] hold it to the reader" +
            (keys.LastCard is { } last ? $" (alone: {last} again)" : string.Empty) + "  [grey]Esc[/] back",
        _ => CabinetKeys,
    };

    private static string OnOff(bool on) => on ? "[green]up[/]" : "[red]down[/]";

    private static string Phase(SleevePhase phase) => phase switch
    {
        SleevePhase.Locked => "locked",
        SleevePhase.Ready => "[blue]READY (authenticate, then push its stamp button)[/]",
        SleevePhase.Unlocking => "[green]unlocking[/]",
        SleevePhase.Lifted => "[yellow]lifted[/]",
        _ => "[red]forced open[/]",
    };
}
