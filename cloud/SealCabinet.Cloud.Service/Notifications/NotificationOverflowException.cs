namespace SealCabinet.Cloud.Service.Notifications;

/// <summary>A subscriber read too slowly and was dropped; it resumes with <c>after_id</c>.</summary>
internal sealed class NotificationOverflowException() : Exception("the subscriber fell behind; subscribe again with after_id");
