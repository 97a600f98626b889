// Shell completion: generated from the real command tree, and the bash script really completes in bash.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForHosts } from "../../../test/support/events.js";
import { checkPowerShell51 } from "../../../test/support/powershell-syntax.js";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import { CONTROLLER_BIN, type Controller, type Proc, startAgentProcess, startControllerProcess, tempDir } from "../../../test/support/processes.js";
import { SHELLS, completionScript, completionTable } from "../src/cli/completion.js";
import { buildProgram } from "../src/cli/program.js";

/** The whole command tree, as `iisfleet completion` and help see it. */
const program = await buildProgram();
const dir = mkdtempSync(join(tmpdir(), "iisfleet-completion-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loads the generated bash script in a real bash and asks it to complete `words` (the last one being typed). */
function bashComplete(words: string[], env: NodeJS.ProcessEnv = {}): string[] {
  const script = join(dir, "iisfleet.bash");
  writeFileSync(script, completionScript(program, "bash"));
  const driver =
    'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _iisfleet; printf "%s\\n" "${COMPREPLY[@]}"';
  const out = execFileSync("bash", ["-c", driver, "bash", script, ...words], { encoding: "utf8", env: { ...process.env, ...env } });
  return out.split("\n").filter(Boolean);
}

/** Loads the fish script in a real fish and returns `complete -C` for the command line typed so far. */
function fishComplete(line: string, env: NodeJS.ProcessEnv = {}): string[] {
  const script = join(dir, "iisfleet.fish");
  writeFileSync(script, completionScript(program, "fish"));
  const out = execFileSync("fish", ["--no-config", "-c", 'source $argv[1]; complete -C $argv[2]', script, line], { encoding: "utf8", env: { ...process.env, ...env } });
  return out.split("\n").filter(Boolean).map((l) => l.split("\t")[0] as string);
}

/**
 * Loads the zsh script in a real zsh (through bashcompinit, as zsh's completion system would, with ksharrays) and
 * returns the candidates before zsh's own prefix matching, which compadd does afterwards.
 */
function zshCandidates(words: string[], env: NodeJS.ProcessEnv = {}): string[] {
  const script = join(dir, "iisfleet.zsh");
  writeFileSync(script, completionScript(program, "zsh"));
  const driver = 'source $1; shift; setopt ksharrays; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _iisfleet; print -l "${COMPREPLY[@]}"';
  const out = execFileSync("zsh", ["-f", "-c", driver, "zsh", script, ...words], { encoding: "utf8", cwd: dir, env: { ...process.env, ...env } });
  return out.split("\n").filter(Boolean);
}

describe("iisfleet completion", () => {
  it("bash completes a command name from its prefix", () => {
    expect(bashComplete(["iisfleet", "roll"])).toEqual(["rollout"]);
  });

  it("bash completes subcommands, then the flags of the chosen subcommand", () => {
    expect(bashComplete(["iisfleet", "rollout", "ab"])).toEqual(["abort"]);
    expect(bashComplete(["iisfleet", "rollout", "start", "--ba"]).sort()).toEqual(["--bake", "--batch"]);
  });

  it("bash skips a flag's value while walking the words, and offers a flag's choices", () => {
    // "--controller rollout": rollout is the flag's value, not the subcommand.
    expect(bashComplete(["iisfleet", "--controller", "rollout", "hist"])).toEqual(["history"]);
    expect(bashComplete(["iisfleet", "rollout", "start", "--farm", "shop", "--order", ""]).sort()).toEqual(["name", "random", "unhealthy-first"]);
    expect(bashComplete(["iisfleet", "completion", "p"])).toEqual(["powershell"]);
  });

  it("fish completes commands, flags and choices the same way", () => {
    expect(fishComplete("iisfleet roll")).toEqual(["rollout"]);
    expect(fishComplete("iisfleet rollout start --ba").sort()).toEqual(["--bake", "--batch"]);
    expect(fishComplete("iisfleet --controller rollout hist")).toEqual(["history"]);
    expect(fishComplete("iisfleet rollout start --order ").sort()).toEqual(["name", "random", "unhealthy-first"]);
  });

  it("zsh (through bashcompinit) finds the same command path and choices", () => {
    expect(zshCandidates(["iisfleet", "rollout", "st"])).toContain("start");
    expect(zshCandidates(["iisfleet", "rollout", "st"])).not.toContain("rollout");
    expect(zshCandidates(["iisfleet", "--controller", "rollout", "hist"])).toContain("history");
    expect(zshCandidates(["iisfleet", "rollout", "start", "--order", ""]).sort()).toEqual(["name", "random", "unhealthy-first"]);
  });

  it("the table covers every registered command, so a new command cannot be forgotten", () => {
    const paths = new Set(completionTable(program).map((n) => n.path));
    const walk = (cmd: typeof program, prefix: string): void => {
      for (const sub of cmd.commands) {
        const path = prefix === "" ? sub.name() : `${prefix} ${sub.name()}`;
        expect(paths, path).toContain(path);
        walk(sub, path);
      }
    };
    walk(program, "");
    expect(paths.size).toBeGreaterThan(20);
  });

  it("every shell's script names every command path", () => {
    const table = completionTable(program);
    for (const shell of SHELLS) {
      const script = completionScript(program, shell);
      for (const node of table) expect(script, `${shell}: ${node.path}`).toContain(`'${node.path}'`);
    }
  });

  it("refuses an unknown shell with a sentence, and the CLI exits 2", () => {
    expect(() => completionScript(program, "tcsh")).toThrow(/must be one of bash, zsh, fish, powershell/);
    let status = 0;
    try {
      execFileSync(process.execPath, [CONTROLLER_BIN, "completion", "tcsh"], { stdio: "pipe" });
    } catch (err) {
      status = (err as { status: number }).status;
    }
    expect(status).toBe(2);
  });

  it("the PowerShell script, names lookup included, parses as Windows PowerShell 5.1", () => {
    const script = completionScript(program, "powershell");
    expect(script).toContain("hosts --names $kind @given");
    expect(checkPowerShell51(script)).toEqual({ ok: true, problems: [] });
  });

  it("the CLI prints the script, and --json wraps it", () => {
    const bash = execFileSync(process.execPath, [CONTROLLER_BIN, "completion", "bash"], { encoding: "utf8" });
    expect(bash).toContain("complete -F _iisfleet iisfleet");
    const json = JSON.parse(execFileSync(process.execPath, [CONTROLLER_BIN, "--json", "completion", "fish"], { encoding: "utf8" })) as { shell: string; script: string };
    expect(json.shell).toBe("fish");
    expect(json.script).toContain("complete -c iisfleet");
  });
});

describe("completion of pool and site names, from a real controller's host facts", () => {
  let nats: NatsServer;
  let controller: Controller;
  let agent: Proc;
  const work = tempDir("iisfleet-completion-names-");
  const env: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    nats = await startNatsServer();
    controller = await startControllerProcess(nats.url, join(work.path, "ctl.db"));
    agent = startAgentProcess(nats.url, { host: "web01" });
    await waitForHosts(controller, (hosts) => hosts.some((h) => h.name === "web01" && ((h as { sites?: unknown[] }).sites?.length ?? 0) === 3), "web01 with its pools and sites");
    // The completion scripts call `iisfleet` from PATH: this one is the CLI under test, pointed at this controller.
    const bin = join(work.path, "bin");
    mkdirSync(bin);
    writeFileSync(join(bin, "iisfleet"), `#!/bin/sh\nexec "${process.execPath}" "${CONTROLLER_BIN}" "$@"\n`, { mode: 0o755 });
    Object.assign(env, { PATH: `${bin}:${process.env.PATH ?? ""}`, IISFLEET_CONTROLLER: controller.url, IISFLEET_TOKEN: controller.token });
  }, 120_000);

  afterAll(async () => {
    await agent?.kill();
    await controller?.kill();
    await nats?.stop();
    work.remove();
  });

  it("bash offers the pools the named hosts reported after --pool, and site names quoted (they hold spaces) after --site", () => {
    expect(bashComplete(["iisfleet", "recycle", "web01", "--pool", ""], env).sort()).toEqual(["ApiAppPool", "DefaultAppPool", "ShopAppPool"]);
    expect(bashComplete(["iisfleet", "recycle", "WEB01", "--pool", "Sh"], env)).toEqual(["ShopAppPool"]);
    expect(bashComplete(["iisfleet", "site", "stop", "web01", "--site", "Def"], env)).toEqual(["Default\\ Web\\ Site"]);
    expect(bashComplete(["iisfleet", "rollout", "start", "--farm", "web", "--site", ""], env).sort()).toEqual(["Api", "Default\\ Web\\ Site", "Shop"]);
    // A host the controller does not know has no names to offer.
    expect(bashComplete(["iisfleet", "recycle", "web99", "--pool", ""], env)).toEqual([]);
  });

  it("zsh and fish offer the same names; the CLI prints them one a line (hosts --names)", async () => {
    expect(zshCandidates(["iisfleet", "recycle", "web01", "--pool", ""], env).sort()).toEqual(["ApiAppPool", "DefaultAppPool", "ShopAppPool"]);
    expect(fishComplete("iisfleet site restart web01 --site ", env).sort()).toEqual(["Api", "Default Web Site", "Shop"]);
    const names = execFileSync(process.execPath, [CONTROLLER_BIN, "hosts", "--names", "sites", "web01"], { encoding: "utf8", env: { ...process.env, ...env } });
    expect(names.split("\n").filter(Boolean)).toEqual(["Default Web Site", "Shop", "Api"]);
  });
});
