/**
 * .docx → PDF through LibreOffice headless, which lays documents out as county offices' suites
 * do. One `soffice` run converts a batch; its profile is kept per process, so later runs start
 * warm. The 公文 fonts map to open stand-ins through fonts.conf where they are not installed.
 * Without LibreOffice the server still runs: documents stay .docx, and the page and the log say
 * in Chinese what to install.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What to tell people when no renderer is installed. */
export const PDF_UNAVAILABLE_MESSAGE = '服务器未安装 LibreOffice，无法生成 PDF（Word 版可正常下载）。请管理员安装：apt install libreoffice-writer-nogui（或设置 DUBAN_SOFFICE 指向 soffice）';

const FONTS_CONF = fileURLToPath(new URL('./fonts.conf', import.meta.url));

/** The soffice binary: DUBAN_SOFFICE, else soffice or libreoffice on the PATH; null when none. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.DUBAN_SOFFICE) return existsSync(env.DUBAN_SOFFICE) ? env.DUBAN_SOFFICE : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      const p = join(dir, name);
      if (dir && existsSync(p)) return p;
    }
  }
  return null;
}

/** A PDF renderer. */
export interface PdfRenderer {
  /** Whether it can render here; the Chinese reason when not. */
  readonly available: boolean;
  readonly reason: string | null;
  /** Convert .docx documents (by id) to PDF; a document that fails has an Error in its place. */
  render(docs: { id: string; docx: Buffer }[]): Promise<Map<string, Buffer | Error>>;
}

/** LibreOffice headless. */
export class LibreOfficeRenderer implements PdfRenderer {
  readonly available: boolean;
  readonly reason: string | null;
  readonly #soffice: string | null;
  readonly #profile: string;
  readonly #timeoutMs: number;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: { soffice?: string | null; timeoutMs?: number } = {}) {
    this.#soffice = options.soffice === undefined ? findSoffice() : options.soffice;
    this.available = !!this.#soffice;
    this.reason = this.available ? null : PDF_UNAVAILABLE_MESSAGE;
    this.#profile = mkdtempSync(join(tmpdir(), 'duban-soffice-'));
    this.#timeoutMs = options.timeoutMs ?? 120_000;
  }

  render(docs: { id: string; docx: Buffer }[]): Promise<Map<string, Buffer | Error>> {
    // One soffice at a time per profile (LibreOffice refuses a second instance on it).
    const run = this.#queue.then(() => this.#render(docs));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #render(docs: { id: string; docx: Buffer }[]): Promise<Map<string, Buffer | Error>> {
    const out = new Map<string, Buffer | Error>();
    if (!this.#soffice) {
      for (const d of docs) out.set(d.id, new Error(PDF_UNAVAILABLE_MESSAGE));
      return out;
    }
    const dir = mkdtempSync(join(tmpdir(), 'duban-pdf-'));
    try {
      const files = docs.map((d, i) => {
        const f = join(dir, `d${i}.docx`);
        writeFileSync(f, d.docx);
        return f;
      });
      mkdirSync(join(dir, 'out'));
      await new Promise<void>((ok, fail) => {
        execFile(
          this.#soffice!,
          ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=file://${this.#profile}`, '--convert-to', 'pdf', '--outdir', join(dir, 'out'), ...files],
          { timeout: this.#timeoutMs, env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF, HOME: this.#profile } },
          (err) => (err ? fail(err) : ok()),
        );
      });
      docs.forEach((d, i) => {
        const pdf = join(dir, 'out', `d${i}.pdf`);
        out.set(d.id, existsSync(pdf) ? readFileSync(pdf) : new Error('LibreOffice 未能转换该文档'));
      });
    } catch (err) {
      for (const d of docs) if (!out.has(d.id)) out.set(d.id, new Error(`LibreOffice 转换失败：${String((err as Error)?.message ?? err).slice(0, 200)}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return out;
  }

  /** Start LibreOffice and let it stop, converting nothing: the floor every conversion pays (benchmarks). */
  startOnly(): Promise<void> {
    const run = this.#queue.then(
      () =>
        new Promise<void>((ok, fail) => {
          if (!this.#soffice) return ok();
          execFile(this.#soffice, ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=file://${this.#profile}`, '--terminate_after_init'], { timeout: this.#timeoutMs, env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF, HOME: this.#profile } }, (err) =>
            err ? fail(err) : ok(),
          );
        }),
    );
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Remove the profile (at shutdown). */
  close(): void {
    rmSync(this.#profile, { recursive: true, force: true });
  }
}
