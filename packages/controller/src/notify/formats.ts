import type { NotifyFormat } from "../store/index.js";

/** What every format is built from. */
export interface Notification {
  /** Also the Idempotency-Key header: the same for every attempt of one delivery. */
  id: string;
  kind: string;
  atMs: number;
  message: string;
  host: string | null;
  rolloutId: string | null;
  commandId: string | null;
  /** Where to look (the controller's dashboard), when known. */
  link: string | null;
}

/** The request body for a target's format. Built once, at enqueue: every retry sends the same bytes. */
export function renderBody(format: NotifyFormat, n: Notification): string {
  switch (format) {
    case "generic":
      return JSON.stringify({ ...n, at: new Date(n.atMs).toISOString(), source: "iisfleet" });
    case "slack":
      // Slack incoming webhooks take { text } (mrkdwn); the fallback text is the whole message.
      return JSON.stringify({ text: `*iisfleet ${n.kind}*: ${n.message}${n.link ? ` <${n.link}|open>` : ""}` });
    case "teams":
      // Teams (Incoming Webhook and Workflows "post to a channel when a webhook request is received"): a message with
      // one Adaptive Card attachment, as learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/
      // add-incoming-webhook ("Send Adaptive Cards using an Incoming Webhook") shows.
      return JSON.stringify({
        type: "message",
        attachments: [
          {
            contentType: "application/vnd.microsoft.card.adaptive",
            contentUrl: null,
            content: {
              $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
              type: "AdaptiveCard",
              version: "1.4",
              body: [
                { type: "TextBlock", text: `iisfleet ${n.kind}`, weight: "Bolder", wrap: true },
                { type: "TextBlock", text: n.message, wrap: true },
                { type: "TextBlock", text: new Date(n.atMs).toISOString(), isSubtle: true, size: "Small", wrap: true },
              ],
              ...(n.link ? { actions: [{ type: "Action.OpenUrl", title: "Open in iisfleet", url: n.link }] } : {}),
            },
          },
        ],
      });
  }
}
