import type { ICommandResult } from "@iisfleet/proto";

/**
 * Results by command id, so that a repeated id is answered with the stored result instead of a second reset.
 * Bounded: the oldest entries go first. (Surviving an agent restart is the on-disk journal's job.)
 */
export class ResultCache {
  private readonly results = new Map<string, ICommandResult>();
  constructor(private readonly capacity = 1000) {}

  get(commandId: string): ICommandResult | undefined {
    return this.results.get(commandId);
  }

  /** Oldest first. */
  values(): ICommandResult[] {
    return [...this.results.values()];
  }

  set(commandId: string, result: ICommandResult): void {
    this.results.delete(commandId);
    this.results.set(commandId, result);
    while (this.results.size > this.capacity) {
      const oldest = this.results.keys().next().value;
      if (oldest === undefined) break;
      this.results.delete(oldest);
    }
  }
}
