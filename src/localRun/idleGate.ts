// Knows whether the server is answering requests, so that work that can wait (making the next
// instances of the pool) runs only when no response is waiting for the main thread.
export class IdleGate {
  private inFlight = 0;
  private waiting: (() => void)[] = [];

  begin(): void {
    this.inFlight++;
  }

  end(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.inFlight === 0) this.release();
  }

  /** Runs `task` soon if idle, else once the last request in flight has finished. */
  whenIdle(task: () => void): void {
    this.waiting.push(task);
    if (this.inFlight === 0) this.release();
  }

  private release(): void {
    setImmediate(() => {
      if (this.inFlight > 0) return;
      const tasks = this.waiting;
      this.waiting = [];
      for (const task of tasks) task();
    });
  }
}
