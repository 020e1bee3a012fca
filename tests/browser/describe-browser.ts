/**
 * The vitest side of the browser suites: run them, or say plainly why they are skipped;
 * and the set-up they share (the built app's server on a fresh database, a headless
 * Chromium, signing in). It lives here rather than in harness.ts, which the benchmarks
 * also import outside vitest.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Api, apiClient, type Browser, ensureBuilt, launchBrowser, loginAs, type RunningServer, skipReason, startServer } from './harness';

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

/** What a browser suite works with once its set-up has run (read these inside tests and hooks). */
export interface BrowserSuite {
  /** The server process (a suite started with `server: false` has none). */
  readonly server: RunningServer;
  /** The server's address, e.g. http://127.0.0.1:41234. */
  readonly baseUrl: string;
  /** The headless Chromium; `errors` collects the page's uncaught errors. */
  readonly browser: Browser & { errors: string[] };
  /** The browser's one page. */
  readonly page: Page;
  /** The API, called as a person of the mock county. */
  readonly api: Api;
  /** Signs in through the UI as a person (signing out whoever is signed in); resolves to the page, on the 工作台. */
  signIn(userId: string): Promise<Page>;
}

/** What sets one browser suite apart from another. */
export interface BrowserSuiteOptions {
  /** Whether to build the web app (when stale) and start the server on a fresh database; default true. */
  server?: boolean;
  /** Extra environment of the server process. */
  env?: Record<string, string>;
  /** The browser window's size; default 1366 × 900. */
  viewport?: { width: number; height: number };
  /** Runs once the server and the browser are up, before the first test: seed the database, load a page. */
  prepare?: (suite: BrowserSuite) => Promise<void>;
  /** How long the set-up may take: default 15 minutes with a server (a cold web build is most of it), 2 without. */
  timeout?: number;
}

/**
 * The set-up of a browser suite, called in the body of its `describeBrowser`: before the
 * tests, builds the web app when stale, starts the server and launches Chromium (then runs
 * `prepare`); after them, closes the browser and stops the server, whatever of them started.
 */
export function withServerAndBrowser(options: BrowserSuiteOptions = {}): BrowserSuite {
  const { server: startsServer = true, env, viewport, prepare, timeout = startsServer ? 900_000 : 120_000 } = options;
  let server: RunningServer | undefined;
  let browser: (Browser & { errors: string[] }) | undefined;
  let api: Api | undefined;
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not there: the suite's set-up has not run${startsServer ? '' : ', or it starts no server'}`);
    return value;
  };
  const suite: BrowserSuite = {
    get server() {
      return ready(server, 'the server');
    },
    get baseUrl() {
      return suite.server.baseUrl;
    },
    get browser() {
      return ready(browser, 'the browser');
    },
    get page() {
      return suite.browser.page;
    },
    get api() {
      return ready(api, 'the API client');
    },
    async signIn(userId) {
      await loginAs(suite.page, suite.baseUrl, userId);
      return suite.page;
    },
  };

  beforeAll(async () => {
    if (startsServer) {
      await ensureBuilt();
      server = await startServer(env);
      api = apiClient(server.baseUrl);
    }
    browser = await launchBrowser(viewport);
    await prepare?.(suite);
  }, timeout);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  return suite;
}
