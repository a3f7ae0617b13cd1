namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>An input edge queued by a board callback, handled on the firmware thread.</summary>
    internal sealed class InputEdge
    {
        public InputEdge(int input, bool level, long at)
        {
            Input = input;
            Level = level;
            At = at;
        }

        public int Input { get; }

        public bool Level { get; }

        public long At { get; }
    }
}
