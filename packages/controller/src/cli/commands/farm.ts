import { type Command, InvalidArgumentError, Option } from "commander";
import { DRAIN_PROVIDERS, drainConfig } from "../../drain/config.js";
import type { FarmDrainView } from "../../api/contract/views.js";
import { InvalidInputError } from "../../errors.js";
import { contextOf } from "../context.js";
import { table } from "../format.js";
import { type ActorFlags, actorOf, actorOption, durationArg, hostArg, intArg, issuerAlias } from "../options.js";

interface SetFlags {
  provider: "haproxy" | "webhook" | "arr";
  arrHost?: string;
  webFarm?: string;
  poll?: number;
  haproxy?: string;
  backend?: string;
  server?: string;
  drainTimeout?: number;
  undrainTimeout?: number;
  url?: string;
  header?: Record<string, string>;
  timeout?: number;
  retries?: number;
  settle?: number;
  actor: string;
  issuer?: string;
}

function headerArg(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const m = /^([A-Za-z0-9-]{1,64}):\s*(.*)$/.exec(value);
  if (!m) throw new InvalidArgumentError(`"${value}" is not "Name: value" (e.g. "Authorization: Bearer …").`);
  return { ...(previous ?? {}), [m[1] as string]: m[2] as string };
}

/** Which flags each provider takes (the rest are refused by name, so a typo'd provider never half-applies). */
const PROVIDER_FLAGS: Record<SetFlags["provider"], string[]> = {
  haproxy: ["--haproxy", "--backend", "--server", "--drain-timeout", "--undrain-timeout"],
  webhook: ["--url", "--header", "--timeout", "--retries", "--settle"],
  arr: ["--arr-host", "--web-farm", "--server", "--drain-timeout", "--undrain-timeout", "--poll"],
};

/** The flags of one provider, as the config the controller stores; checked here with the controller's own schema. */
function configOf(o: SetFlags): unknown {
  const flags: Record<string, unknown> = {
    "--haproxy": o.haproxy,
    "--backend": o.backend,
    "--server": o.server,
    "--drain-timeout": o.drainTimeout,
    "--undrain-timeout": o.undrainTimeout,
    "--url": o.url,
    "--header": o.header,
    "--timeout": o.timeout,
    "--retries": o.retries,
    "--settle": o.settle,
    "--arr-host": o.arrHost,
    "--web-farm": o.webFarm,
    "--poll": o.poll,
  };
  const foreign = Object.keys(flags).filter((f) => flags[f] !== undefined && !PROVIDER_FLAGS[o.provider].includes(f));
  if (foreign.length > 0) throw new InvalidInputError(`${foreign.join(", ")} do${foreign.length === 1 ? "es" : ""} not apply to --provider ${o.provider}.`);
  const optional = (key: string, value: unknown) => (value !== undefined ? { [key]: value } : {});
  let raw: Record<string, unknown>;
  switch (o.provider) {
    case "haproxy":
      if (o.haproxy === undefined || o.backend === undefined) {
        throw new InvalidInputError("--provider haproxy needs --haproxy ADDRESS (its admin stats socket) and --backend NAME.");
      }
      raw = {
        provider: "haproxy",
        address: o.haproxy,
        backend: o.backend,
        ...optional("server", o.server),
        ...optional("drainTimeoutMs", o.drainTimeout),
        ...optional("undrainTimeoutMs", o.undrainTimeout),
      };
      break;
    case "webhook":
      if (o.url === undefined) throw new InvalidInputError("--provider webhook needs --url URL.");
      raw = {
        provider: "webhook",
        url: o.url,
        headers: o.header ?? {},
        ...optional("timeoutMs", o.timeout),
        ...optional("retries", o.retries),
        ...optional("settleMs", o.settle),
      };
      break;
    case "arr":
      if (o.arrHost === undefined || o.webFarm === undefined) {
        throw new InvalidInputError("--provider arr needs --arr-host HOST (the iisfleet agent on the ARR host) and --web-farm NAME (the ARR server farm).");
      }
      raw = {
        provider: "arr",
        arrHost: o.arrHost,
        webFarm: o.webFarm,
        ...optional("server", o.server),
        ...optional("drainTimeoutMs", o.drainTimeout),
        ...optional("undrainTimeoutMs", o.undrainTimeout),
        ...optional("pollMs", o.poll),
      };
      break;
  }
  const parsed = drainConfig.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(`${issue?.path.join(".") ?? "drain"}: ${issue?.message ?? "invalid"}.`);
  }
  return raw;
}

function formatDrain(d: FarmDrainView): string {
  return `${d.farm}: ${d.description}\n  set by ${d.updatedBy} at ${new Date(d.updatedMs).toISOString()}`;
}

export function registerFarm(program: Command): void {
  const farm = program.command("farm").description("farm-wide settings: the load balancer that rollouts drain hosts from");
  const drain = farm
    .command("drain")
    .description("a farm's load-balancer drain: take each host out of rotation before its reset and put it back after")
    .addHelpText(
      "after",
      [
        "",
        "With a drain set, every rollout over the farm takes each host out of rotation before its reset (state draining),",
        "resets it, waits for its health gate, and puts it back (undraining) before it counts as healthy. Rollouts copy",
        "the setting when they start. A failed drain fails the host without resetting it (it counts against",
        "--max-failures) unless the rollout says --ignore-drain-failure; a failed reset leaves the host out of rotation",
        "(iisfleet farm undrain-host HOST puts it back). `rollout start --no-drain` skips draining.",
        "",
        "Providers:",
        "  haproxy  HAProxy's runtime API on an admin-level stats socket (`stats socket /run/haproxy/admin.sock level admin`,",
        "           or `stats socket ipv4@127.0.0.1:9999 level admin`): set server BACKEND/SERVER state drain, wait until",
        "           its current sessions reach 0 (or --drain-timeout: the reset then goes ahead), reset; then state ready",
        "           and wait until HAProxy reports the server UP again (or --undrain-timeout: the host fails).",
        "  webhook  POST {\"event\":\"drain\"|\"undrain\",\"host\",\"farm\",\"rolloutId\",\"atMs\"} as JSON to --url before and",
        "           after each reset (F5, NetScaler, cloud LBs via your glue). A 2xx answer means done; anything else,",
        "           or no answer within --timeout, is retried --retries times, pausing 250 ms, 500 ms, 1 s, …",
        "  arr      IIS Application Request Routing, through the iisfleet agent running on the ARR host (--arr-host):",
        "           SetState Drain on the member --server of web farm --web-farm, wait until ARR counts 0 current requests",
        "           (or --drain-timeout: the reset then goes ahead), reset; then SetState Start and wait until ARR reports",
        "           the member Available and healthy (or --undrain-timeout: the host fails). The agent's policy file can",
        "           forbid it there (\"allowLbControl\": false).",
        "",
        "Examples:",
        "  iisfleet farm drain set shop --provider haproxy --haproxy /run/haproxy/admin.sock --backend be_shop",
        "  iisfleet farm drain set shop --provider haproxy --haproxy 127.0.0.1:9999 --backend be_shop --server 'srv-{host}' --drain-timeout 2m",
        "  iisfleet farm drain set shop --provider arr --arr-host arr01 --web-farm shopfarm",
        "  iisfleet farm drain set shop --provider arr --arr-host arr01 --web-farm shopfarm --server '{host}.shop.local' --drain-timeout 2m",
        "  iisfleet farm drain set api --provider webhook --url https://lb-glue.example/drain --header 'Authorization: Bearer …' --retries 5",
        "  iisfleet farm drain show shop",
      ].join("\n"),
    );

  drain
    .command("set")
    .description("set (or replace) the farm's drain provider")
    .argument("<farm>", "farm name", hostArg)
    .addOption(new Option("--provider <name>", "haproxy, webhook or arr").choices(DRAIN_PROVIDERS as string[]).makeOptionMandatory())
    .option("--haproxy <address>", "haproxy: the admin stats socket, a unix path or HOST:PORT")
    .option("--backend <name>", "haproxy: the backend the farm's servers are in")
    .option("--arr-host <host>", "arr: the iisfleet host name of the agent on the ARR host")
    .option("--web-farm <name>", "arr: the ARR server farm the hosts are members of")
    .option("--server <template>", "haproxy, arr: the server name / address per host; {host} is the iisfleet host name (default {host})")
    .option("--drain-timeout <duration>", "haproxy, arr: longest wait for 0 sessions / requests before the reset goes ahead (default 60s)", durationArg)
    .option("--undrain-timeout <duration>", "haproxy, arr: longest wait for the server to be UP / Available and healthy again (default 60s)", durationArg)
    .option("--poll <duration>", "arr: how often to read the member's counters while waiting (default 1s)", durationArg)
    .option("--url <url>", "webhook: where to POST")
    .option("--header <name: value>", "webhook: an HTTP header to send (repeatable); shown as (set) afterwards", headerArg)
    .option("--timeout <duration>", "webhook: per attempt (default 10s)", durationArg)
    .option("--retries <n>", "webhook: further attempts after a failure (default 3)", intArg(0, 20, "retries"))
    .option("--settle <duration>", "webhook: wait after a successful drain call before the reset (default 0)", durationArg)
    .addOption(actorOption("who is asking, recorded")).addOption(issuerAlias())
    .action(async (name: string, o: SetFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.post<{ drain: FarmDrainView }>(`/api/v1/farms/${name}/drain`, { config: configOf(o), actor: actorOf(o) });
      ctx.print(res, () => `Set:\n${formatDrain(res.drain)}`);
    });

  drain
    .command("show")
    .description("the farm's drain provider and its settings")
    .argument("<farm>", "farm name", hostArg)
    .action(async (name: string, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.get<{ drain: FarmDrainView }>(`/api/v1/farms/${name}/drain`);
      ctx.print(res, () => formatDrain(res.drain));
    });

  drain
    .command("list")
    .description("every farm with a drain provider")
    .action(async (_o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.get<{ drains: FarmDrainView[] }>("/api/v1/drains");
      ctx.print(res, () =>
        res.drains.length === 0
          ? "No farm has a load-balancer drain. Set one: iisfleet farm drain set FARM --provider haproxy …"
          : table(["FARM", "PROVIDER", "SETTINGS", "SET BY"], res.drains.map((d) => [d.farm, d.provider, d.description, d.updatedBy])),
      );
    });

  drain
    .command("rm")
    .description("remove the farm's drain provider (rollouts already started keep theirs)")
    .argument("<farm>", "farm name", hostArg)
    .addOption(actorOption("who is asking, recorded")).addOption(issuerAlias())
    .action(async (name: string, o: ActorFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.post<{ removed: FarmDrainView }>(`/api/v1/farms/${name}/drain/remove`, { actor: actorOf(o) });
      ctx.print(res, () => `Removed farm ${res.removed.farm}'s drain (${res.removed.provider}).`);
    });

  for (const [phase, help] of [
    ["drain", "take one host out of its load balancer's rotation now (waits for its sessions, like a rollout)"],
    ["undrain", "put one host back in rotation now (e.g. after a failed reset left it out)"],
  ] as const) {
    farm
      .command(`${phase}-host`)
      .description(help)
      .argument("<host>", "host name", hostArg)
      .addOption(actorOption("who is asking, recorded")).addOption(issuerAlias())
      .action(async (host: string, o: ActorFlags, cmd: Command) => {
        const ctx = contextOf(cmd);
        const res = await ctx.api.post<{ host: string; farm: string; message: string }>(`/api/v1/hosts/${host}/${phase}`, { actor: actorOf(o) });
        ctx.print(res, () => `${res.host} (farm ${res.farm}): ${res.message}`);
      });
  }
}
