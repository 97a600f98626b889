export * from "./wire.js";
export * from "./codec.js";
export * from "./subjects.js";
export * from "./hostname.js";
export * from "./names.js";
