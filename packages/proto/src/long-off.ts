import $protobuf from "protobufjs/minimal.js";

// Evaluated before the generated code (wire.ts imports this first): the generated classes compute their int64
// defaults when their module loads, so Long must already be gone then, or an absent timestamp decodes as a
// Long object (truthy, and not a number SQLite can bind) instead of 0. pbjs --force-number types those fields
// as plain numbers; milliseconds and counters stay far below 2^53.
($protobuf.util as { Long: unknown }).Long = undefined;
$protobuf.configure();
