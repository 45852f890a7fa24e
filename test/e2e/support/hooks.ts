// Mocha root hooks for the e2e run: the shared browser and extensions folder go away after the last journey.
import { shutdownHarness } from './session';

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await shutdownHarness();
  },
};
