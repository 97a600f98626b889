// The WinSW XML that makes iisfleet-agent.exe the Windows service "iisfleet-agent": rendered, parsed back, and read
// the way WinSW 1.17 (the wrapper we ship) reads it.
import { describe, expect, it } from "vitest";
import { STOP_GRACE_MS } from "../src/service/lifecycle.js";
import { runServiceConfigCli } from "../src/service/service-config-cli.js";
import { ServiceConfigError, renderWinSwConfig } from "../src/service/winsw-config.js";

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(\w+);/g, (m, e: string) => {
    const c = ENTITIES[e];
    if (c === undefined) throw new Error(`unknown entity ${m}`);
    return c;
  });

/** A strict little parser for the subset WinSW configs use: elements, attributes, text; no declaration. */
function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack = [root];
  const token = /<\/([\w-]+)\s*>|<([\w-]+)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < source.length) {
    token.lastIndex = at;
    m = token.exec(source);
    if (!m) throw new Error(`not well-formed at ${at}: ${source.slice(at, at + 30)}`);
    at = token.lastIndex;
    const top = stack.at(-1) as XmlElement;
    if (m[1]) {
      if (top.name !== m[1]) throw new Error(`</${m[1]}> closes <${top.name}>`);
      stack.pop();
    } else if (m[2]) {
      const attrs: Record<string, string> = {};
      for (const a of (m[3] ?? "").matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1] as string] = decode(a[2] as string);
      const el: XmlElement = { name: m[2], attrs, children: [], text: "" };
      top.children.push(el);
      if (m[4] !== "/") stack.push(el);
    } else if (m[5]) {
      if (top === root && m[5].trim() !== "") throw new Error("text outside the root element");
      top.text += decode(m[5]);
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)?.name}> is never closed`);
  return root;
}

/** WinSW 1.17's ServiceDescriptor.ParseTimeSpan: the first suffix (in this order) the value ends with, else ms. */
function winsw117Ms(v: string): number {
  const suffixes: Array<[string, number]> = [
    ["ms", 1], ["sec", 1000], ["secs", 1000], ["min", 60_000], ["mins", 60_000], ["hr", 3_600_000], ["hrs", 3_600_000],
    ["hour", 3_600_000], ["hours", 3_600_000], ["day", 86_400_000], ["days", 86_400_000],
  ];
  const t = v.trim();
  for (const [s, ms] of suffixes) {
    if (t.endsWith(s)) {
      const n = t.slice(0, -s.length).trim();
      if (!/^\d+$/.test(n)) throw new Error(`WinSW 1.17 cannot parse "${v}" (int.Parse("${n}"))`);
      return Number(n) * ms;
    }
  }
  if (!/^\d+$/.test(t)) throw new Error(`WinSW 1.17 cannot parse "${v}"`);
  return Number(t);
}

const spec = {
  installDir: "C:\\Program Files\\iisfleet\\agent\\",
  logDir: "C:\\ProgramData\\iisfleet\\agent\\logs",
  agentArgs: ["--nats", "tls://nats.example:4222", "--tag", "role=shop&api", "--probe", "http://localhost/health?a=1&b=<2>"],
};

function child(el: XmlElement, name: string): XmlElement {
  const found = el.children.filter((c) => c.name === name);
  expect(found, `<${name}> under <${el.name}>`).toHaveLength(1);
  return found[0] as XmlElement;
}

describe("the WinSW service configuration", () => {
  const text = renderWinSwConfig(spec);
  const doc = parseXml(text);

  it("is one <service> element with nothing before it (WinSW 1.17 reads its settings under the first node)", () => {
    expect(text.startsWith("<service>")).toBe(true);
    expect(doc.children.map((c) => c.name)).toEqual(["service"]);
  });

  it("names the service iisfleet-agent and runs the exe from the install dir as LocalSystem, at boot", () => {
    const s = child(doc, "service");
    expect(child(s, "id").text).toBe("iisfleet-agent");
    expect(child(s, "name").text).toBe("iisfleet-agent");
    expect(child(s, "executable").text).toBe("C:\\Program Files\\iisfleet\\agent\\iisfleet-agent.exe");
    expect(child(s, "workingdirectory").text).toBe("C:\\Program Files\\iisfleet\\agent");
    expect(child(child(s, "serviceaccount"), "user").text).toBe("LocalSystem");
    expect(child(s, "startmode").text).toBe("Automatic");
    expect(text).not.toContain("%BASE%");
  });

  it("passes the agent options through unchanged, one <argument> each, in order", () => {
    const s = child(doc, "service");
    expect(s.children.filter((c) => c.name === "argument").map((c) => c.text)).toEqual(spec.agentArgs);
  });

  it("stops by Ctrl+C, parent first, allowing longer than the agent's own grace for a running command", () => {
    const s = child(doc, "service");
    expect(child(s, "stopparentprocessfirst").text).toBe("true");
    expect(winsw117Ms(child(s, "stoptimeout").text)).toBeGreaterThan(STOP_GRACE_MS);
    // No <stopargument>: with one, WinSW would start a second process instead of sending Ctrl+C.
    expect(s.children.some((c) => c.name === "stopargument" || c.name === "stopexecutable")).toBe(false);
  });

  it("restarts on failure with growing delays, and forgets failures after a healthy hour", () => {
    const s = child(doc, "service");
    const failures = s.children.filter((c) => c.name === "onfailure");
    expect(failures.map((f) => f.attrs.action)).toEqual(["restart", "restart", "restart"]);
    const delays = failures.map((f) => winsw117Ms(f.attrs.delay ?? ""));
    expect(delays).toEqual([10_000, 30_000, 120_000]);
    expect(winsw117Ms(child(s, "resetfailure").text)).toBe(3_600_000);
  });

  it("rolls its logs by size in the state directory's logs folder", () => {
    const s = child(doc, "service");
    expect(child(s, "logpath").text).toBe(spec.logDir);
    const log = child(s, "log");
    expect(log.attrs.mode).toBe("roll-by-size");
    expect(Number(child(log, "sizeThreshold").text)).toBe(10_240);
    expect(Number(child(log, "keepFiles").text)).toBe(8);
  });

  it("refuses what WinSW would change on the way: quotes, %VAR%, relative paths", () => {
    expect(() => renderWinSwConfig({ ...spec, agentArgs: ["--host", '"web01"'] })).toThrow(ServiceConfigError);
    expect(() => renderWinSwConfig({ ...spec, agentArgs: ["--state-dir", "%TEMP%\\x"] })).toThrow(/holds a quote, a % or a control character/);
    expect(() => renderWinSwConfig({ ...spec, installDir: "agent" })).toThrow(/not an absolute Windows path/);
  });
});

describe("iisfleet-agent service-config", () => {
  const run = (argv: string[]) => {
    let out = "";
    let err = "";
    const code = runServiceConfigCli(argv, (s) => (out += s), (s) => (err += s));
    return { code, out, err };
  };

  it("prints the XML for agent options it has checked", () => {
    const r = run(["--install-dir", "C:\\iisfleet", "--log-dir", "C:\\ProgramData\\iisfleet\\agent\\logs", "--", "--host", "web01", "--farm", "shop", "--allow-unsigned"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const s = child(parseXml(r.out), "service");
    expect(s.children.filter((c) => c.name === "argument").map((c) => c.text)).toEqual(["--host", "web01", "--farm", "shop", "--allow-unsigned"]);
  });

  it("refuses agent options the agent would refuse, with exit 2 and no XML", () => {
    const r = run(["--install-dir", "C:\\iisfleet", "--log-dir", "C:\\logs", "--", "--host", "not a host!"]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/^iisfleet-agent service-config: --host/);
    expect(run(["--log-dir", "C:\\logs"]).code).toBe(2);
    expect(run(["--install-dir", "C:\\x", "--log-dir", "C:\\logs", "--bogus"]).code).toBe(2);
  });
});
