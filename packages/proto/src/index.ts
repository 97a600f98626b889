export * from "./wire.js";
export * from "./codec.js";
export * from "./subjects.js";
export * from "./hostname.js";
export * from "./names.js";
export * from "./tags.js";
export * from "./peek.js";
export * from "./report.js";
