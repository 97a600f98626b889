// The router answers with the route's declared view (issue 16, item 6): a field the view does not declare never
// reaches the wire (a store row's other columns), and an answer that breaks the view is a 500 that says so, not a
// silently different wire format. Query and body are parsed by the declared schemas before the handler runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { route } from "../src/api/contract/route.js";
import { JsonHttpServer } from "../src/api/http-server.js";
import { createLogger } from "../src/log.js";

const view = z.object({ name: z.string(), count: z.number().int() });
let server: JsonHttpServer;
let base: string;
let row: Record<string, unknown> = {};

beforeAll(async () => {
  server = new JsonHttpServer(createLogger("test", "silent"))
    .implement(route({ method: "GET", path: "/api/v1/thing", access: "public", summary: "a thing", tag: "meta", response: view }), () => row as z.input<typeof view>)
    .implement(
      route({
        method: "POST",
        path: "/api/v1/thing",
        access: "public",
        readOnly: true,
        summary: "echo",
        tag: "meta",
        query: z.object({ n: z.coerce.number().int().min(1).default(1), tag: z.array(z.string()).default([]) }).strict(),
        body: z.object({ name: z.string().min(1) }).strict(),
        response: z.object({ name: z.string(), n: z.number(), tags: z.array(z.string()) }),
      }),
      ({ query, body }) => ({ name: body.name, n: query.n, tags: query.tag }),
    );
  const { port } = await server.listen("127.0.0.1", 0);
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => server?.close());

describe("answers through the declared view", () => {
  it("strips what the view does not declare", async () => {
    row = { name: "web01", count: 3, token_hash: "secret", raw_json: "{}" };
    const res = await fetch(`${base}/api/v1/thing`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: "web01", count: 3 });
  });

  it("an answer that breaks its view is a 500 naming the route and the field", async () => {
    row = { name: "web01", count: "three" };
    const res = await fetch(`${base}/api/v1/thing`);
    expect(res.status).toBe(500);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("INTERNAL");
    expect(error.message).toContain("GET /api/v1/thing breaks the API contract at count");
  });

  it("parses query (repeated keys for arrays) and body before the handler; a bad field is a 400 naming it", async () => {
    const ok = await fetch(`${base}/api/v1/thing?n=2&tag=a&tag=b`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"name":"x"}' });
    expect(await ok.json()).toEqual({ name: "x", n: 2, tags: ["a", "b"] });
    const one = await fetch(`${base}/api/v1/thing?tag=a`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"name":"x"}' });
    expect(await one.json()).toEqual({ name: "x", n: 1, tags: ["a"] });
    const bad = await fetch(`${base}/api/v1/thing`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"name":""}' });
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { code: string; message: string; details: { issues: Array<{ path: string[] }> } } };
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toMatch(/^name: /);
    expect(error.details.issues[0]?.path).toEqual(["name"]);
    const typo = await fetch(`${base}/api/v1/thing?nn=2`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"name":"x"}' });
    expect(typo.status).toBe(400);
  });
});
