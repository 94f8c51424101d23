// Collects the changes made during one turn of the event loop and fires them as one batch, so
// that a relist or a burst of watch events reaches listeners as a single notification.
//   const batcher = new ChangeBatcher(emitter);  batcher.add(change);  // emitter fires [change, …] once
import type { Emitter } from './emitter';

export class ChangeBatcher<C> {
  private pending: C[] = [];
  private scheduled = false;

  constructor(private readonly target: Emitter<readonly C[]>) {}

  add(change: C | undefined): void {
    if (!change) return;
    this.pending.push(change);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.pending;
      this.pending = [];
      if (batch.length) this.target.fire(batch);
    });
  }
}
