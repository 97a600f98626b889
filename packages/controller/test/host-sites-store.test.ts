// Issue 20, item 1: the sites an agent reports (HostFacts.sites) reach the registry, the hosts table (schema 17) and
// survive a controller restart; a heartbeat that changes only a site's state is news, not a clock tick.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { v1 } from "@iisfleet/proto";
import { afterEach, describe, expect, it } from "vitest";
import { FleetRegistry } from "../src/fleet/registry.js";
import { createLogger } from "../src/log.js";
import { Store } from "../src/store/index.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const heartbeat = (shopStarted: boolean) =>
  v1.Heartbeat.create({
    instanceId: "i-web01",
    intervalMs: 60_000,
    facts: {
      host: "web01",
      farm: "shop",
      appPools: [{ name: "ShopPool", started: true, workerPids: [7] }],
      sites: [
        { name: "Default Web Site", id: 1, started: true, bindings: ["http/*:80:"], appPool: "DefaultAppPool" },
        { name: "Shop", id: 2, started: shopStarted, bindings: ["https/*:443:shop.example.com"], appPool: "ShopPool" },
      ],
    },
  });

describe("a host's sites", () => {
  it("are kept in the registry and the hosts table, and read back after a restart", () => {
    const dir = mkdtempSync(join(tmpdir(), "iisfleet-sites-"));
    dirs.push(dir);
    const path = join(dir, "db.sqlite");
    const clock = { now: () => Date.now() };
    const log = createLogger("test", "silent");
    let store = Store.open(path);
    let registry = new FleetRegistry(store, clock, { log });
    registry.recordHeartbeat(heartbeat(true), "web01");
    expect(registry.get("web01")?.sites?.map((s) => [s.name, s.started])).toEqual([["Default Web Site", true], ["Shop", true]]);
    // Only Shop stops: the registry must see that as a change and write it.
    registry.recordHeartbeat(heartbeat(false), "web01");
    registry.flush();
    registry.close();
    store.close();

    store = Store.open(path);
    expect(store.hosts.get("web01")?.sites).toEqual([
      { name: "Default Web Site", id: 1, started: true, bindings: ["http/*:80:"], appPool: "DefaultAppPool" },
      { name: "Shop", id: 2, started: false, bindings: ["https/*:443:shop.example.com"], appPool: "ShopPool" },
    ]);
    registry = new FleetRegistry(store, clock, { log });
    expect(registry.get("web01")?.sites?.find((s) => s.name === "Shop")?.started).toBe(false);
    registry.close();
    store.close();
  });
});
