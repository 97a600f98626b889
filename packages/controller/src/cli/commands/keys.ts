import type { Command } from "commander";
import { IisfleetError } from "../../errors.js";
import { type KeysReport, KeysError, addAgents, initKeys, readNatsUsers } from "../../keys/key-store.js";
import { contextOf } from "../context.js";
import { table } from "../format.js";
import { hostArg, hostListArg } from "../options.js";

/** File-system failures (a read-only dir, a permission) become one sentence with the path, exit 1. */
function keysAction<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof IisfleetError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (typeof e.code === "string") throw new KeysError(`${e.message}; nothing existing was overwritten.`, { path: e.path });
    throw err;
  }
}

function formatReport(r: KeysReport, next: string[]): string {
  const rows = r.files.map((f) => [f.status, f.file, f.purpose]);
  const agents = r.users.filter((u) => u.role === "agent").length;
  return [
    `keys in ${r.dir}`,
    rows.length > 0 ? table(["STATUS", "FILE", "WHAT"], rows) : "(nothing to do)",
    `nats/users.json lists ${r.users.length} NATS user${r.users.length === 1 ? "" : "s"} (${agents} agent${agents === 1 ? "" : "s"}).`,
    "",
    "Next:",
    ...next.map((l) => `  ${l}`),
  ].join("\n");
}

const nextSteps = (dir: string) => [
  `iisfleet nats-config --keys ${dir} --out nats-server.conf [--tls-cert F --tls-key F --tls-ca F --tls-verify]`,
  "nats-server -c nats-server.conf       (running already: nats-server --signal reload)",
  `iisfleet controller --nats-nkey ${dir}/nats/controller.nk ...`,
  "copy nats/agents/<host>.nk to each host (then delete it here): iisfleet-agent --nats-nkey FILE ...",
];

export function registerKeys(program: Command): void {
  const keys = program
    .command("keys")
    .description("create the controller's command-signing key and the NATS nkeys of the controller and every agent")
    .addHelpText(
      "after",
      [
        "",
        "Layout of the keys dir (files are created, never overwritten; private ones are mode 0600):",
        "  command-signing.key     the controller's ed25519 command-signing key (PKCS#8 PEM): stays on the controller",
        "  command-signing.pub     its public key (SPKI PEM): every agent trusts it",
        "  nats/controller.nk      the controller's NATS seed (iisfleet controller --nats-nkey)",
        "  nats/agents/<host>.nk   one NATS seed per agent: move each to its host (iisfleet-agent --nats-nkey)",
        "  nats/simulator.nk       with --simulator: a seed for iisfleet-agent simulate, allowed on EVERY agent's subjects",
        "  nats/users.json         the public keys and roles that iisfleet nats-config turns into a server config",
        "",
        "Examples:",
        "  iisfleet keys init --dir /etc/iisfleet/keys --agent web01,web02",
        "  iisfleet keys add-agent web03 web04 --dir /etc/iisfleet/keys",
        "  iisfleet nats-config --keys /etc/iisfleet/keys --out /etc/nats/nats-server.conf",
      ].join("\n"),
    );

  keys
    .command("init")
    .description("create the keys (again: keeps every existing file and adds what is missing)")
    .requiredOption("--dir <dir>", "the keys dir (created, mode 0700)")
    .option("--agent <host>", "an agent to create a NATS seed for; repeat or comma-separate", hostListArg)
    .option("--simulator", "also a seed for the fleet simulator (iisfleet-agent simulate), allowed on every agent's subjects: test fleets only", false)
    .action((o: { dir: string; agent?: string[]; simulator: boolean }, c: Command) => {
      const ctx = contextOf(c);
      const report = keysAction(() => initKeys(o.dir, { agents: o.agent ?? [], simulator: o.simulator }));
      ctx.print(report, () => formatReport(report, nextSteps(o.dir)));
    });

  keys
    .command("add-agent")
    .description("create NATS seeds for more agents in an initialized keys dir (existing ones are kept)")
    .argument("<host...>", "agent host names", (v: string, prev: string[] | undefined) => [...(prev ?? []), hostArg(v)])
    .requiredOption("--dir <dir>", "the keys dir made by iisfleet keys init")
    .action((hosts: string[], o: { dir: string }, c: Command) => {
      const ctx = contextOf(c);
      const report = keysAction(() => addAgents(o.dir, hosts));
      ctx.print(report, () =>
        formatReport(report, [
          `iisfleet nats-config --keys ${o.dir} --out nats-server.conf ...   (the same flags as before)`,
          "nats-server --signal reload",
          "copy each new nats/agents/<host>.nk to its host: iisfleet-agent --nats-nkey FILE ...",
        ]),
      );
    });

  keys
    .command("list")
    .description("the NATS users of a keys dir: name, role, public key")
    .requiredOption("--dir <dir>", "the keys dir made by iisfleet keys init")
    .action((o: { dir: string }, c: Command) => {
      const ctx = contextOf(c);
      const users = keysAction(() => readNatsUsers(o.dir));
      ctx.print({ users }, () => table(["NAME", "ROLE", "PUBLIC KEY"], users.map((u) => [u.name, u.role, u.publicKey])));
    });
}
