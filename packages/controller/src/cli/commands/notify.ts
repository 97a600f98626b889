import { readFileSync } from "node:fs";
import { type Command, InvalidArgumentError, Option } from "commander";
import { NOTIFY_KINDS } from "../../api/contract/defaults.js";
import type { DeliveryView, NotifyTargetSummaryView as NotifyTargetSummary, NotifyTargetView } from "../../api/contract/views.js";
import { contextOf } from "../context.js";
import { table } from "../format.js";
import { type ActorFlags, actorOf, actorOption, intArg, issuerAlias, urlArg } from "../options.js";

/** Notifications: events POSTed to a webhook (generic JSON, Teams, Slack), at least once, signed with a secret. */
export function registerNotify(program: Command): void {
  const notify = program
    .command("notify")
    .description("tell a webhook (Teams, Slack, anything that takes JSON) when rollouts finish or block, commands fail, hosts go offline");

  notify
    .command("add")
    .description("POST each event of these kinds to a URL from now on (admin)")
    .argument("<name>", "a name for this target, e.g. ops-teams")
    .requiredOption("--url <url>", "where to POST (http or https); shown afterwards without its path and query, where services keep secrets", urlArg)
    .requiredOption("--events <kinds>", `comma-separated: ${NOTIFY_KINDS.join(", ")}`, eventsArg)
    .addOption(new Option("--format <format>", "the body: generic JSON, a Teams Adaptive Card message, or Slack text").choices(["generic", "teams", "slack"]).default("generic"))
    .option("--secret-file <path>", "sign every body with this file's content (HMAC-SHA256, header X-Iisfleet-Signature: sha256=…); shown as (set)", secretFileArg)
    .addOption(actorOption())
    .addOption(issuerAlias())
    .addHelpText(
      "after",
      "\nEach delivery is kept in the controller's database until the receiver answers 2xx, retried with exponential\n" +
        "backoff and jitter across restarts (at least once): receivers drop duplicates by the Idempotency-Key header.\n\n" +
        "  iisfleet notify add ops --url https://example.webhook.office.com/… --format teams --events rollout.finished,rollout.blocked\n" +
        "  iisfleet notify add pager --url https://alerts.example/iisfleet --events command.failed,host.offline --secret-file /etc/iisfleet/notify.key",
    )
    .action(async (name: string, o: AddFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.post<{ target: NotifyTargetView }>("/api/v1/notifications", {
        name,
        url: o.url,
        events: o.events,
        format: o.format,
        ...(o.secretFile !== undefined ? { secret: o.secretFile } : {}),
        actor: actorOf(o),
      });
      ctx.print(res, () => `Added ${res.target.name}: ${describe(res.target)}. Try it: iisfleet notify test ${res.target.name}`);
    });

  notify
    .command("list")
    .description("every notification target, with its deliveries so far")
    .action(async (_o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.get<{ targets: NotifyTargetSummary[] }>("/api/v1/notifications");
      ctx.print(res, () =>
        res.targets.length === 0
          ? "No notification target. Add one: iisfleet notify add NAME --url URL --events rollout.finished"
          : table(
              ["NAME", "FORMAT", "URL", "EVENTS", "SECRET", "DELIVERED", "PENDING", "FAILED"],
              res.targets.map((t) => [t.name, t.format, t.url, t.events.join(","), t.secret ?? "-", String(t.deliveries.delivered), String(t.deliveries.pending), String(t.deliveries.failed)]),
            ),
      );
    });

  notify
    .command("show")
    .description("one target and its delivery log, newest first")
    .argument("<name>", "target name")
    .option("--limit <n>", "deliveries to show", intArg(1, 1000, "deliveries"), 20)
    .action(async (name: string, o: { limit: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.get<{ target: NotifyTargetSummary; deliveries: DeliveryView[] }>(`/api/v1/notifications/${encodeURIComponent(name)}?limit=${o.limit}`);
      ctx.print(res, () => [`${res.target.name}: ${describe(res.target)}`, "", formatDeliveries(res.deliveries)].join("\n"));
    });

  notify
    .command("test")
    .description("send a notify.test notification to this target now (through the same retries)")
    .argument("<name>", "target name")
    .addOption(actorOption())
    .addOption(issuerAlias())
    .action(async (name: string, o: ActorFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.post<{ delivery: DeliveryView }>(`/api/v1/notifications/${encodeURIComponent(name)}/test`, { actor: actorOf(o) });
      ctx.print(res, () => `Queued test delivery ${res.delivery.id} to ${name}; its outcome: iisfleet notify show ${name}`);
    });

  notify
    .command("remove")
    .description("stop notifying this target (its delivery log goes with it) (admin)")
    .argument("<name>", "target name")
    .addOption(actorOption())
    .addOption(issuerAlias())
    .action(async (name: string, o: ActorFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.post<{ removed: string }>(`/api/v1/notifications/${encodeURIComponent(name)}/remove`, { actor: actorOf(o) });
      ctx.print(res, () => `Removed notification target ${res.removed}.`);
    });
}

interface AddFlags extends ActorFlags {
  url: string;
  events: string[];
  format: string;
  secretFile?: string;
}

function eventsArg(value: string): string[] {
  const kinds = value.split(",").map((k) => k.trim()).filter((k) => k !== "");
  const unknown = kinds.filter((k) => !(NOTIFY_KINDS as readonly string[]).includes(k));
  if (kinds.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`${unknown.length > 0 ? `unknown: ${unknown.join(", ")}` : "none given"}; the kinds are ${NOTIFY_KINDS.join(", ")}.`);
  }
  return [...new Set(kinds)];
}

/** The secret itself, read here: the controller may run on another machine. Trailing newlines are not part of it. */
function secretFileArg(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new InvalidArgumentError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
  const secret = text.replace(/[\r\n]+$/, "");
  if (secret.length < 16) throw new InvalidArgumentError(`${path} holds ${secret.length} characters; a signing secret needs 16 at least.`);
  return secret;
}

function describe(t: NotifyTargetView): string {
  return `${t.format} POST to ${t.url} on ${t.events.join(", ")}${t.secret ? ", signed" : ", unsigned"}`;
}

function formatDeliveries(ds: DeliveryView[]): string {
  if (ds.length === 0) return "No delivery yet.";
  const when = (ms: number | null) => (ms === null ? "-" : new Date(ms).toISOString().replace("T", " ").slice(0, 19));
  return table(
    ["ID", "EVENT", "STATE", "ATTEMPTS", "CREATED", "FINISHED / NEXT TRY", "LAST"],
    ds.map((d) => [
      String(d.id),
      d.kind,
      d.state,
      String(d.attempts),
      when(d.createdMs),
      d.state === "pending" ? `next ${when(d.nextAttemptMs)}` : when(d.finishedMs),
      d.lastError || (d.lastStatus !== null ? `HTTP ${d.lastStatus}` : "-"),
    ]),
  );
}
