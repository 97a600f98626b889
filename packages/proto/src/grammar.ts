// "@iisfleet/proto/grammar": the contract's text rules (host and farm names, durations, tags, level and operation
// names) without the protobuf runtime. The CLI checks its arguments with these; loading the package's main entry
// would also load the 430 kB generated message code, which costs a command-line tool more than its whole run.
export * from "./duration.js";
export * from "./hostname.js";
export * from "./iis-names.js";
export * from "./reset-rules.js";
export * from "./tags.js";
export * from "./vocabulary.js";
