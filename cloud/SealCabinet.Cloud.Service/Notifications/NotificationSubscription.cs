using System.Threading.Channels;

namespace SealCabinet.Cloud.Service.Notifications;

/// <summary>One Subscribe stream's live feed from the hub; disposing it unsubscribes.</summary>
internal sealed class NotificationSubscription(Channel<NotificationRow> channel, Action<NotificationSubscription> remove) : IDisposable
{
    public ChannelReader<NotificationRow> Reader => channel.Reader;

    internal bool Offer(NotificationRow row)
    {
        if (channel.Writer.TryWrite(row))
        {
            return true;
        }

        channel.Writer.TryComplete(new NotificationOverflowException());
        return false;
    }

    public void Dispose()
    {
        channel.Writer.TryComplete();
        remove(this);
    }
}
