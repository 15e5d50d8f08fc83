// The service worker for notices by Web Push (site.js registers it from the status page). It
// shows what Notices/Channels/PushChannel.cs sends: JSON with title, body, url, severity and
// messageId. The message id is the notification's tag, so a repeat after a crash replaces the
// first instead of showing twice.
self.addEventListener("push", (event) => {
  let notice = {};
  try { notice = event.data ? event.data.json() : {}; } catch { notice = { body: event.data.text() }; }
  event.waitUntil(self.registration.showNotification(notice.title || "Whuffie", {
    body: notice.body || "",
    tag: notice.messageId,
    data: { url: notice.url },
    requireInteraction: notice.severity === "critical",
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = event.notification.data && event.notification.data.url;
  if (url) event.waitUntil(self.clients.openWindow(url));
});
