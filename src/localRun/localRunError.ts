// A refusal or failure of Run Locally, worded for the user in one sentence.

/** Where to go for what Run Locally does not do. */
export const ELSEWHERE = 'run it with `spin up` (the Spin CLI) or Deploy it to SpinKube.';

export class LocalRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalRunError';
  }
}
