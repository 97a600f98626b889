// The scatter-gather under live status queries, against a real nats-server. A brief answer names no request: it is
// told apart only by the inbox it arrives on, so each question must have an inbox of its own.
import { type Msg, type NatsConnection, connect } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import { gatherReplies } from "../src/nats/status-gather.js";

let nats: NatsServer;
let controller: NatsConnection;
let agent: NatsConnection;
const link = { inboxPrefix: "_INBOX", connected: () => true, disconnects: () => 0 };

beforeAll(async () => {
  nats = await startNatsServer({ jetstream: false });
  controller = await connect({ servers: nats.url });
  agent = await connect({ servers: nats.url });
});
afterAll(async () => {
  await controller?.close();
  await agent?.close();
  await nats?.stop();
});

describe("gatherReplies", () => {
  it("gathers each question on an inbox of its own: a late answer to an earlier question is not counted", async () => {
    const asked: Msg[] = [];
    const sub = agent.subscribe("test.status", { callback: (_err, msg) => void asked.push(msg) });
    await agent.flush();
    const got: string[] = [];
    const onReply = (data: Uint8Array) => (got.push(new TextDecoder().decode(data)), false);

    // The first question gets no answer in time.
    const first = await gatherReplies(controller, "test.status", new Uint8Array([1]), 100, onReply, link);
    expect(first).toMatchObject({ end: "deadline", replies: 0 });

    // The second question: the answer to the first arrives now, late, then the answer to the second.
    const second = gatherReplies(controller, "test.status", new Uint8Array([2]), 1_000, (data) => onReply(data) || got.length >= 1, link);
    while (asked.length < 2) await new Promise((r) => setTimeout(r, 5));
    const [q1, q2] = asked as [Msg, Msg];
    expect(q1.reply).toBeTruthy();
    expect(q2.reply).not.toBe(q1.reply);
    q1.respond(new TextEncoder().encode("late answer to the first question"));
    await agent.flush();
    q2.respond(new TextEncoder().encode("answer to the second question"));
    expect(await second).toMatchObject({ end: "complete", replies: 1 });
    expect(got).toEqual(["answer to the second question"]);
    sub.unsubscribe();
  });

  it("goes on gathering when a host asked again on the same inbox has no agent listening (NATS's no-responders)", async () => {
    const subs = ["a", "b"].map((who) =>
      agent.subscribe("test.fleet", { callback: (_err, msg) => void setTimeout(() => msg.respond(new TextEncoder().encode(who)), who === "a" ? 0 : 300) }),
    );
    await agent.flush();
    const got: string[] = [];
    const outcome = await gatherReplies(
      controller,
      "test.fleet",
      new Uint8Array([1]),
      5_000,
      (data, _headers, inbox) => {
        got.push(new TextDecoder().decode(data));
        // As the controller asks a host again whose unchanged answer it cannot use: here, one nobody listens for.
        if (got.length === 1) controller.publish("test.gone.status", new Uint8Array([2]), { reply: inbox });
        return got.length === 2;
      },
      link,
    );
    expect(outcome).toMatchObject({ end: "complete", replies: 2 });
    expect(got.sort()).toEqual(["a", "b"]);
    for (const sub of subs) sub.unsubscribe();
  });
});
