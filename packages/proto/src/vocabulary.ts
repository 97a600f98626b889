/** The names of reset levels and operations as operators type them (names.ts maps them to the wire's enums). */
export const RESET_LEVELS = ["recycle", "w3svc", "iis", "http", "site"] as const;
export type ResetLevelName = (typeof RESET_LEVELS)[number];

export const OPERATIONS = ["restart", "stop", "start"] as const;
export type OperationName = (typeof OPERATIONS)[number];
