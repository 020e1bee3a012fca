/** The vitest side of the browser suites: run them, or say plainly why they are skipped. */
import { describe, it } from 'vitest';
import { skipReason } from './harness';

/**
 * `describe` for a browser suite: runs it when Chromium is present; otherwise says plainly
 * that it was skipped and why — and fails instead when DUBAN_REQUIRE_ALL_SUITES=1.
 */
export function describeBrowser(name: string, body: () => void): void {
  const reason = skipReason();
  if (!reason) {
    describe(name, body);
    return;
  }
  console.warn(`[duban] browser suite "${name}" SKIPPED: ${reason}`);
  if (process.env.DUBAN_REQUIRE_ALL_SUITES === '1') {
    describe(name, () => {
      it('must run because DUBAN_REQUIRE_ALL_SUITES=1', () => {
        throw new Error(`DUBAN_REQUIRE_ALL_SUITES=1 but the browser suite cannot run: ${reason}`);
      });
    });
  } else describe.skip(`${name} (skipped: ${reason})`, body);
}
