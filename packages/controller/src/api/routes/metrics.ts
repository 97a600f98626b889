import type { ControllerMetrics } from "../../observe/metrics.js";
import { type JsonHttpServer, RawResponse } from "../http-server.js";

/** Prometheus scrapes this: text exposition format, version 0.0.4. */
export function registerMetricsRoutes(http: JsonHttpServer, metrics: ControllerMetrics): void {
  http.route("GET", "/metrics", "viewer", async () => new RawResponse(metrics.contentType, await metrics.render(), { "cache-control": "no-store" }));
}
