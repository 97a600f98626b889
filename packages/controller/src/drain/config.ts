import { z } from "zod";

/**
 * How a farm's load balancer is told to take a host out of rotation and put it back: one provider per farm,
 * stored as JSON (farm_drains.config_json) and copied into each rollout when it starts, so the rollout that drained a
 * host puts it back through the very same balancer even if the farm's setting changes meanwhile.
 *
 * `{host}` in a server template is replaced by the iisfleet host name (the agent's --host), so a backend whose
 * servers are named after the hosts needs no template at all.
 */
const template = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.:{}-]+$/, "letters, digits, _ . : - and {host}")
  .default("{host}");

const ms = (max: number) => z.number().int().min(0).max(max);

/** "/run/haproxy/admin.sock", "unix@/path", "127.0.0.1:9999" or "ipv4@127.0.0.1:9999": what `stats socket` says. */
export const haproxyAddress = z
  .string()
  .max(500)
  .regex(/^(?:unix@)?\/\S+$|^(?:ipv4@)?[A-Za-z0-9.-]+:\d{1,5}$/, "a unix socket path (/run/haproxy/admin.sock) or HOST:PORT of an admin-level stats socket");

export const haproxyConfig = z
  .object({
    provider: z.literal("haproxy"),
    address: haproxyAddress,
    backend: z.string().min(1).max(200).regex(/^[A-Za-z0-9_.:-]+$/, "an HAProxy backend name"),
    server: template,
    /** Longest wait for the server's current sessions to reach 0; the reset goes ahead after it (sessions cut). */
    drainTimeoutMs: ms(3_600_000).default(60_000),
    /** Longest wait, after `state ready`, for HAProxy to report the server UP again (its health checks passing). */
    undrainTimeoutMs: ms(3_600_000).default(60_000),
  })
  .strict();

export const webhookConfig = z
  .object({
    provider: z.literal("webhook"),
    url: z.url({ protocol: /^https?$/ }),
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/), z.string().max(2000)).default({}),
    /** Per attempt. */
    timeoutMs: ms(600_000).min(100).default(10_000),
    /** Further attempts after the first one fails (a non-2xx answer, a timeout or a connection error). */
    retries: z.number().int().min(0).max(20).default(3),
    /** Wait after a successful drain call before the reset, for connections the balancer still lets finish. */
    settleMs: ms(3_600_000).default(0),
  })
  .strict();

/**
 * IIS Application Request Routing, through the iisfleet agent on the ARR host (it must run there, with --farm of
 * its own): SetState Drain, wait for the member's current requests to reach 0, reset, SetState Start (Available),
 * wait until ARR reports it Available and healthy.
 */
export const arrConfig = z
  .object({
    provider: z.literal("arr"),
    /** The iisfleet host name of the ARR host's agent. */
    arrHost: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/, "the iisfleet host name of the ARR host's agent").toLowerCase(),
    /** The ARR web farm (IIS Manager, Server Farms; <webFarm name="...">). */
    webFarm: z.string().min(1).max(200).regex(/^[A-Za-z0-9_.][A-Za-z0-9_. -]*$/, "an ARR web farm name: letters, digits, space, _ . -"),
    /** The member's address in that farm (<server address="...">). */
    server: template,
    /** Longest wait for the member's current requests to reach 0; the reset then goes ahead (requests cut). */
    drainTimeoutMs: ms(3_600_000).default(60_000),
    /** Longest wait, after SetState Start, for ARR to report the member Available and healthy again. */
    undrainTimeoutMs: ms(3_600_000).default(60_000),
    /** How often the ARR host's agent is asked for the member's counters while waiting. */
    pollMs: ms(60_000).min(50).default(1_000),
  })
  .strict();

export const drainConfig = z.discriminatedUnion("provider", [haproxyConfig, webhookConfig, arrConfig]);

export type HaproxyDrainConfig = z.infer<typeof haproxyConfig>;
export type WebhookDrainConfig = z.infer<typeof webhookConfig>;
export type ArrDrainConfig = z.infer<typeof arrConfig>;
export type DrainConfig = z.infer<typeof drainConfig>;
export type DrainProviderName = DrainConfig["provider"];
export const DRAIN_PROVIDERS: readonly DrainProviderName[] = ["haproxy", "webhook", "arr"];

/** The load balancer's name for a host. */
export function serverName(template: string, host: string): string {
  return template.replaceAll("{host}", host);
}

/** What the API shows: header values may be credentials, so only their names are shown; so may the URL's. */
export function redacted(c: DrainConfig): DrainConfig {
  if (c.provider !== "webhook") return c;
  return { ...c, url: redactedUrl(c.url), headers: Object.fromEntries(Object.keys(c.headers).map((k) => [k, "(set)"])) };
}

/**
 * A webhook URL fit for viewers, logs and history: its user and password (`https://user:pw@…`) and every query
 * value (`?api_key=…`, `?sig=…`: query strings of webhooks are where services put their secrets) are "(set)".
 */
export function redactedUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "(unparsable URL)";
  }
  if (url.username) url.username = "(set)";
  if (url.password) url.password = "(set)";
  for (const key of new Set(url.searchParams.keys())) url.searchParams.set(key, "(set)");
  // URL percent-encodes the parentheses it was given; the marker reads better as typed.
  return url.toString().replaceAll("%28set%29", "(set)");
}

/** A rollout definition as the API shows it: the drain settings it copied, redacted like the farms' own. */
export function redactedDefinition<D extends { drain?: Record<string, DrainConfig> | undefined }>(definition: D): D {
  if (!definition.drain) return definition;
  return { ...definition, drain: Object.fromEntries(Object.entries(definition.drain).map(([farm, c]) => [farm, redacted(c)])) };
}

/** A rollout (detail or list row holder) as the API shows it. */
export function withRedactedDrains<T extends { rollout: { definition: { drain?: Record<string, DrainConfig> | undefined } } }>(detail: T): T {
  return { ...detail, rollout: { ...detail.rollout, definition: redactedDefinition(detail.rollout.definition) } };
}

/** One line for humans: "haproxy 127.0.0.1:9999 backend be_shop, server {host}, drain timeout 60 s". */
export function describeDrain(c: DrainConfig): string {
  const s = (n: number) => `${Math.round(n / 100) / 10} s`;
  switch (c.provider) {
    case "haproxy":
      return `haproxy ${c.address}, backend ${c.backend}, server ${c.server}, drain timeout ${s(c.drainTimeoutMs)}`;
    case "webhook":
      return `webhook POST ${redactedUrl(c.url)}, ${c.retries} retries, timeout ${s(c.timeoutMs)}${c.settleMs > 0 ? `, settle ${s(c.settleMs)}` : ""}`;
    case "arr":
      return `arr on ${c.arrHost}, web farm ${c.webFarm}, server ${c.server}, drain timeout ${s(c.drainTimeoutMs)}`;
  }
}
