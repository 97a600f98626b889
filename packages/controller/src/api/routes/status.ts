import { subjects } from "@iisfleet/proto";
import { AnswerJsonCache } from "../../fleet/answer-json-cache.js";
import { runLiveQuery } from "../../fleet/live-query.js";
import { registryStatus } from "../../fleet/registry-status.js";
import type { JsonHttpServer } from "../http-server.js";
import { StreamedJson } from "../json-stream.js";
import { ROUTES } from "../contract/routes.js";
import { filterOf } from "../status-schema.js";
import type { ApiDeps } from "./deps.js";

export function registerStatusRoutes(http: JsonHttpServer, d: ApiDeps): void {
  // And the JSON text of each answered host up to its uptime, while the same agent instance answers for it.
  const answerJson = new AnswerJsonCache();
  // Fleet status: from the registry (what heartbeats said, with their age), or live (?live=1: one broadcast on the
  // fleet subject, replies until every expected host answered or timeoutMs passed).
  http.implement(ROUTES.status, async ({ query: q }) => {
    const filter = filterOf(q);
    // Streamed: with 10 000 hosts these answers are megabytes (see json-stream.ts).
    if (!q.live) return new StreamedJson(registryStatus(d.registry, filter, { detail: q.detail }), ["hosts"]);
    const answer = await runLiveQuery(
      d.registry,
      (request, timeoutMs, onReply, reask) => d.bus.gather(subjects.fleetStatus, request, timeoutMs, onReply, reask),
      filter,
      // Each host's facts as JSON while their bytes stay the same: the registry's, which heartbeats fill too (read
      // here, not at registration: routes touch their dependencies only when called).
      // Conditional when the bus holds the agents' heartbeat statements (agent keys): see runLiveQuery.
      { timeoutMs: q.timeoutMs, detail: q.detail, rows: q.rows, factsJson: d.registry.factsJson, answerJson, conditional: d.bus.holdsStatements },
    );
    return new StreamedJson(answer, ["answered", "silent", "unknown"]);
  });
}
