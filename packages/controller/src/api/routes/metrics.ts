import { ROUTES } from "../contract/routes.js";
import type { ControllerMetrics } from "../../observe/metrics.js";
import { type JsonHttpServer, RawResponse } from "../http-server.js";

/** Prometheus scrapes this: text exposition format, version 0.0.4. */
export function registerMetricsRoutes(http: JsonHttpServer, metrics: ControllerMetrics): void {
  http.implement(ROUTES.metrics, async () => new RawResponse(metrics.contentType, await metrics.render(), { "cache-control": "no-store" }));
}
