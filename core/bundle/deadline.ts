/**
 * Verification's time budget: a hostile archive can be within every size limit and still be made
 * slow to read (a million tiny entries, pathological deflate). Past the deadline the verifier stops
 * and reports `time-budget` rather than working on for a stranger.
 */
export class Deadline {
  private readonly at: number;
  constructor(readonly ms: number) {
    this.at = Date.now() + ms;
  }
  passed(): boolean {
    return Date.now() > this.at;
  }
  message(): string {
    return `verification stopped after its time budget of ${Math.round(this.ms / 1000)} s`;
  }
}

/** An entry that cannot be read as its central record says; `code` is a report problem code. */
export class ZipEntryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
