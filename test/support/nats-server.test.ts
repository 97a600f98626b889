// Proves the real-nats-server helper (and the wait utilities it builds on) against the installed nats-server.
import { existsSync } from "node:fs";
import { createServer, connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, findNatsServerBinary, startNatsServer } from "./nats-server.js";
import { freePort, waitFor } from "./wait.js";

interface ServerInfo {
  port: number;
  version: string;
  jetstream?: boolean;
}

/** Opens a raw TCP connection and returns the INFO line every NATS server greets a client with. */
function readInfo(port: number): Promise<ServerInfo> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    let buffered = "";
    const timer = setTimeout(() => fail(new Error(`no INFO from 127.0.0.1:${port} within 5 s`)), 5_000);
    const fail = (err: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    };
    socket.setEncoding("utf8");
    socket.on("error", fail);
    socket.on("data", (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf("\r\n");
      if (end < 0) return;
      clearTimeout(timer);
      socket.destroy();
      const line = buffered.slice(0, end);
      if (!line.startsWith("INFO ")) return reject(new Error(`expected INFO, got ${line}`));
      resolve(JSON.parse(line.slice("INFO ".length)) as ServerInfo);
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

describe("startNatsServer", () => {
  let nats: NatsServer;

  beforeAll(async () => {
    nats = await startNatsServer();
  });

  afterAll(async () => {
    await nats?.stop();
  });

  it("finds a binary", () => {
    expect(findNatsServerBinary()).toMatch(/nats-server(\.exe)?$/);
  });

  it("listens on a loopback port and greets a raw TCP client", async () => {
    expect(nats.url).toBe(`nats://127.0.0.1:${nats.port}`);
    expect(nats.port).toBeGreaterThan(0);
    expect(nats.pid).toBeGreaterThan(0);
    const info = await readInfo(nats.port);
    expect(info.port).toBe(nats.port);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("has JetStream enabled, with its store in the temp dir", async () => {
    expect((await readInfo(nats.port)).jetstream).toBe(true);
    expect(nats.monitorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${nats.monitorUrl}/jsz`);
    expect(response.status).toBe(200);
    const jsz = (await response.json()) as { config?: { store_dir?: string } };
    expect(jsz.config?.store_dir).toContain(nats.dir.replace(/\\/g, "/"));
    expect(nats.logTail(200)).toContain("Starting JetStream");
  });

  it("restart() brings up a new process on the same ports", async () => {
    const before = { pid: nats.pid, port: nats.port, url: nats.url, monitorUrl: nats.monitorUrl };
    await nats.restart();
    expect(nats.pid).not.toBe(before.pid);
    expect(isAlive(before.pid)).toBe(false);
    expect({ port: nats.port, url: nats.url, monitorUrl: nats.monitorUrl }).toEqual({
      port: before.port,
      url: before.url,
      monitorUrl: before.monitorUrl,
    });
    expect((await readInfo(nats.port)).port).toBe(before.port);
    const health = await fetch(`${nats.monitorUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  it("stop() kills the process and removes the temp dir; a second stop() is a no-op", async () => {
    const own = await startNatsServer({ monitoring: false });
    const { pid, dir, port } = own;
    expect(own.monitorUrl).toBeUndefined();
    expect(isAlive(pid)).toBe(true);
    expect(existsSync(dir)).toBe(true);
    await own.stop();
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    await expect(readInfo(port)).rejects.toThrow();
    await own.stop();
    await expect(own.restart()).rejects.toThrow(/stopped/);
  });

  it("a server that cannot start fails fast, quoting its log, and leaves no temp dir", async () => {
    const started = Date.now();
    const error = await startNatsServer({ extraConfig: "this is { not valid" }).then(
      () => new Error("expected startNatsServer to fail"),
      (err: unknown) => err as Error,
    );
    expect(error.message).toMatch(/exited during startup/);
    expect(error.message).toMatch(/tail of .*nats-server\.log/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const dir = /failed to start in (\S+):/.exec(error.message)?.[1];
    expect(dir).toBeDefined();
    expect(existsSync(dir ?? "")).toBe(false);
  });

  it("explains how to install nats-server when NATS_SERVER_BIN points nowhere", () => {
    const saved = process.env["NATS_SERVER_BIN"];
    process.env["NATS_SERVER_BIN"] = "/nonexistent/nats-server";
    try {
      expect(() => findNatsServerBinary()).toThrow(/apt-get install nats-server/);
    } finally {
      if (saved === undefined) delete process.env["NATS_SERVER_BIN"];
      else process.env["NATS_SERVER_BIN"] = saved;
    }
  });
});

describe("wait utilities", () => {
  it("waitFor returns the first truthy value", async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? `ready after ${calls}` : undefined), {
      what: "the third call",
      intervalMs: 1,
    });
    expect(value).toBe("ready after 3");
  });

  it("waitFor names what it waited for, and the last error, on timeout", async () => {
    await expect(
      waitFor(
        () => {
          throw new Error("still booting");
        },
        { what: "the flux capacitor", timeoutMs: 100, intervalMs: 10 },
      ),
    ).rejects.toThrow(/timed out after 100 ms waiting for the flux capacitor.*still booting/);
  });

  it("waitFor does not let one hanging attempt outlast the timeout", async () => {
    const started = Date.now();
    await expect(
      waitFor(() => new Promise<boolean>(() => {}), { what: "a promise that never settles", timeoutMs: 100 }),
    ).rejects.toThrow(/a promise that never settles/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("freePort returns a port that can be bound on 127.0.0.1", async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
