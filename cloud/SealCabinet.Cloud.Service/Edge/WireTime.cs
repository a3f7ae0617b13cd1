using Google.Protobuf.WellKnownTypes;
using SealCabinet.Cloud.Service.Common;

namespace SealCabinet.Cloud.Service.Edge;

/// <summary>Reads optional wire timestamps, refusing values outside the range a timestamp may hold.</summary>
internal static class WireTime
{
    private const long MinSeconds = -62135596800;
    private const long MaxSeconds = 253402300799;

    public static DateTimeOffset? Optional(Timestamp? time, string field)
    {
        if (time is null)
        {
            return null;
        }

        if (time.Seconds is < MinSeconds or > MaxSeconds || time.Nanos is < 0 or > 999_999_999)
        {
            throw CloudException.Invalid(field, "is not a valid timestamp");
        }

        return time.ToDateTimeOffset();
    }
}
