import { z } from "zod";
import { drainConfig } from "../drain/config.js";

const actor = z.string().regex(/^[A-Za-z0-9._@:-]{1,64}$/, "1-64 letters, digits or . _ @ : -").default("api");

/** POST /api/v1/farms/:farm/drain: the provider's settings (drain/config.ts), validated field by field. */
export const drainSetBody = z.object({ config: drainConfig, actor }).strict();
export const drainActorBody = z.object({ actor }).strict();
