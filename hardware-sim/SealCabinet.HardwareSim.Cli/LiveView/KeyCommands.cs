using SealCabinet.Firmware.Host.Flash;
using SealCabinet.HardwareSim.Cabinet;

namespace SealCabinet.HardwareSim.Cli.LiveView;

/// <summary>The live view's keys: each acts on the cabinet, on the selected sleeve where it matters.</summary>
internal sealed class KeyCommands(SimulatedCabinet cabinet)
{
    private int _document = 100;

    public int Selected { get; private set; } = 1;

    /// <summary>Handles one key; returns false on quit. Physically impossible actions throw InvalidOperationException.</summary>
    public bool Handle(char key)
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
}
