using System.Text;
using SealCabinet.Firmware.Core.Authentication;
using SealCabinet.Firmware.Host.Flash;
using SealCabinet.HardwareSim.Board;
using SealCabinet.HardwareSim.Cabinet;

namespace SealCabinet.HardwareSim.Cli.LiveView;

/// <summary>
/// The live view's keys: each acts on the cabinet, on the selected sleeve where it matters. <c>a</c> hands the keys to the
/// PIN pad (digits cannot both select sleeves and be typed) until '#' or Esc; <c>h</c> takes a card UID until Enter or Esc.
/// </summary>
internal sealed class KeyCommands(SimulatedCabinet cabinet)
{
    private const char Escape = '\u001b';
    private const int LongestUidText = 29;
    private readonly StringBuilder _uid = new();
    private int _document = 100;
    private byte[]? _lastCard;

    public int Selected { get; private set; } = 1;

    public KeyMode Mode { get; private set; } = KeyMode.Cabinet;

    /// <summary>Digits typed on the PIN pad since the last '#' or '*' (the view shows them as dots).</summary>
    public int PinDigitsTyped { get; private set; }

    /// <summary>The card UID typed so far.</summary>
    public string CardEntry => _uid.ToString();

    /// <summary>The UID of the card held to the reader last (Enter alone holds it again).</summary>
    public string? LastCard => _lastCard is null ? null : CardUid.Format(_lastCard);

    /// <summary>Handles one key; returns false on quit. Physically impossible actions throw InvalidOperationException.</summary>
    public bool Handle(char key)
    {
        switch (Mode)
        {
            case KeyMode.PinPad:
                HandlePinPad(key);
                return true;
            case KeyMode.CardReader:
                HandleCardReader(key);
                return true;
            default:
                return HandleCabinet(key);
        }
    }

    private bool HandleCabinet(char key)
    {
        var snapshot = cabinet.Snapshot();
        switch (char.ToLowerInvariant(key))
        {
            case '1' or '2' or '3':
                Selected = key - '0';
                break;
            case 'k':
                cabinet.PushStampButton(Selected);
                break;
            case 'a':
                Mode = KeyMode.PinPad;
                break;
            case 'h':
                Mode = KeyMode.CardReader;
                break;
            case 'l':
                cabinet.Lift(Selected);
                break;
            case 'p':
                cabinet.Press(Selected);
                break;
            case 'r':
                cabinet.Return(Selected);
                break;
            case 'w':
                cabinet.ReturnWrongSeal(Selected);
                break;
            case 'f':
                cabinet.Force(Selected);
                break;
            case 's':
                cabinet.StickPressSensor(Selected, !snapshot.Sleeves[Selected - 1].PressSensorStuck);
                break;
            case 'e':
                cabinet.SetEnclosureOpen(!snapshot.EnclosureOpen);
                break;
            case 'n':
                cabinet.SetNetwork(!snapshot.LinkUp);
                break;
            case 'c':
                cabinet.SetCloudReachable(!snapshot.CloudReachable);
                break;
            case 'b':
                cabinet.SetBrokerReachable(!snapshot.BrokerReachable);
                break;
            case 'x':
                cabinet.PowerCut();
                break;
            case 't':
                cabinet.ArmTornWrite(new TornWritePlan());
                break;
            case 'o':
                cabinet.PowerOn();
                break;
            case 'd':
                cabinet.PlaceDocument(_document++);
                break;
            case 'q':
                return false;
            default:
                break;
        }

        return true;
    }

    private void HandlePinPad(char key)
    {
        if (key == Escape)
        {
            Mode = KeyMode.Cabinet;
            return;
        }

        var padKey = char.ToUpperInvariant(key);
        if (!char.IsAsciiDigit(padKey) && padKey is not ('*' or '#' or 'A' or 'B' or 'C' or 'D'))
        {
            return;
        }

        cabinet.PressKey(padKey);
        if (char.IsAsciiDigit(padKey))
        {
            // The firmware keeps the first eight digits and ignores the rest; the dots say the same.
            PinDigitsTyped = Math.Min(PinDigitsTyped + 1, AuthenticationDesk.MaxPinDigits);
        }
        else if (padKey == '*')
        {
            PinDigitsTyped = 0;
        }
        else if (padKey == '#')
        {
            PinDigitsTyped = 0;
            Mode = KeyMode.Cabinet;
        }
    }

    private void HandleCardReader(char key)
    {
        switch (key)
        {
            case Escape:
                _uid.Clear();
                Mode = KeyMode.Cabinet;
                break;
            case '\r' or '\n':
                var text = _uid.ToString();
                var uid = text.Length == 0 ? _lastCard : CardUid.TryParse(text, out var typed) ? typed : null;
                if (uid is null)
                {
                    throw new ArgumentException(text.Length == 0
                        ? "type the card's UID in hex first (4, 7 or 10 bytes, e.g. 04A1B2C3)"
                        : $"'{text}' is not a card UID (4, 7 or 10 bytes in hex, e.g. 04A1B2C3)");
                }

                _uid.Clear();
                Mode = KeyMode.Cabinet;
                _lastCard = uid;
                cabinet.PresentCard(uid);
                break;
            case '\b' or '\u007f':
                _uid.Length = Math.Max(0, _uid.Length - 1);
                break;
            default:
                if ((char.IsAsciiHexDigit(key) || key == ':') && _uid.Length < LongestUidText)
                {
                    _uid.Append(char.ToUpperInvariant(key));
                }

                break;
        }
    }
}
