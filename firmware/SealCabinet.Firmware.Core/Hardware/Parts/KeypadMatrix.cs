namespace SealCabinet.Firmware.Core.Hardware.Parts
{
    /// <summary>
    /// The 4×4 PIN pad: its key layout (the common membrane layout, rows top to bottom "1 2 3 A", "4 5 6 B",
    /// "7 8 9 C", "* 0 # D") and the decoding of one scan. A scan drives each row in turn and records which columns
    /// then read as pressed. Exactly one closed contact is a key; several are refused as a whole, because a matrix
    /// without a diode per key shows phantom contacts when three keys form three corners of a rectangle, so any
    /// multi-key reading may name a key nobody pressed.
    /// </summary>
    public static class KeypadMatrix
    {
        /// <summary>Number of rows.</summary>
        public const int Rows = 4;

        /// <summary>Number of columns.</summary>
        public const int Columns = 4;

        /// <summary>A scan with no key down.</summary>
        public const char NoKey = '\0';

        /// <summary>A scan with more than one contact closed (never reported as a key).</summary>
        public const char SeveralKeys = '\u0001';

        private const string Layout = "123A456B789C*0#D";

        /// <summary>The key at a row and column.</summary>
        /// <param name="row">0..3, top to bottom.</param>
        /// <param name="column">0..3, left to right.</param>
        /// <returns>The key's character.</returns>
        public static char KeyAt(int row, int column)
        {
            if (row < 0 || row >= Rows || column < 0 || column >= Columns)
            {
                throw new System.ArgumentOutOfRangeException("row");
            }

            return Layout[row * Columns + column];
        }

        /// <summary>Decodes one scan.</summary>
        /// <param name="pressedColumnsByRow">
        /// One entry per row: the columns read as pressed while that row was driven, bit c for column c.
        /// </param>
        /// <returns>The key, <see cref="NoKey"/> or <see cref="SeveralKeys"/>.</returns>
        public static char Decode(int[] pressedColumnsByRow)
        {
            if (pressedColumnsByRow.Length != Rows)
            {
                throw new System.ArgumentException("one entry per keypad row expected");
            }

            char key = NoKey;
            for (int row = 0; row < Rows; row++)
            {
                int columns = pressedColumnsByRow[row] & ((1 << Columns) - 1);
                for (int column = 0; column < Columns; column++)
                {
                    if ((columns & (1 << column)) == 0)
                    {
                        continue;
                    }

                    if (key != NoKey)
                    {
                        return SeveralKeys;
                    }

                    key = KeyAt(row, column);
                }
            }

            return key;
        }
    }
}
