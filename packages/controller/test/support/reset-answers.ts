// What an agent in a box answers: a reset's result as the agent's executor reports it, and an outcome query.
import { type ICommandResult, ResultCode, v1 } from "@iisfleet/proto";

/** A finished reset: succeeded, or failed with `code` and the sentence the engine would give. */
export function resetResult(commandId: string, host: string, ok: boolean, failure = { code: "STOP_FAILED", message: "Restart attempt failed." }): ICommandResult {
  return {
    commandId,
    host,
    outcome: ok ? v1.Outcome.OUTCOME_SUCCEEDED : v1.Outcome.OUTCOME_FAILED,
    code: ok ? "OK" : failure.code,
    message: ok ? "Internet services successfully restarted." : failure.message,
  };
}

/** The agent's answer to "what became of command `id`": its journal's result, or never heard of it. */
export function outcomeAnswer(results: ReadonlyMap<string, ICommandResult>, id: string): ICommandResult {
  return results.get(id) ?? { commandId: id, outcome: v1.Outcome.OUTCOME_UNKNOWN_COMMAND, code: ResultCode.UNKNOWN_COMMAND };
}
