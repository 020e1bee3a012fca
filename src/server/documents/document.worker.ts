/**
 * The documents' work that must not hold an action's transaction: asking the host's seal
 * service, and making PDFs. Documents waiting for a PDF are the queue (pdf_status = pending);
 * several server processes share it through short leases.
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../context';
import { claimPendingPdfs, findDocument, hostPendingSealUses, requeuePdfs, sealDocument, storePdf, updateSealUses } from './document.repository';
import type { PdfRenderer } from './render/pdf';
import { specimenSeal } from './seal-image';
import { stampDocx } from './template';

const LEASE_MS = 5 * 60_000;

/** Options of the worker. */
export interface DocumentWorkerOptions {
  pollMs?: number;
  /** Documents converted per LibreOffice run. */
  batch?: number;
  log?: { error: (obj: unknown, msg?: string) => void; warn?: (obj: unknown, msg?: string) => void; info?: (obj: unknown, msg?: string) => void };
}

export class DocumentWorker {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #stopped = true;

  constructor(
    private readonly ctx: AppContext,
    readonly renderer: PdfRenderer,
    private readonly options: DocumentWorkerOptions = {},
  ) {}

  /** Ask the host's seal service for documents sealed since; record its answer and print its picture. */
  async runHostSeals(max = 20): Promise<number> {
    const seal = this.ctx.host.seal?.bind(this.ctx.host);
    if (!seal) return 0;
    const rows = await hostPendingSealUses(this.ctx.db, max);
    for (const row of rows) {
      const doc = await findDocument(this.ctx.db, row.documentId);
      if (!doc?.content) continue;
      try {
        const answer = await seal({ documentId: doc.id, seal: row.seal, number: doc.number, actorId: row.appliedBy ?? undefined });
        const png = answer.image ? Buffer.from(answer.image, 'base64') : specimenSeal(row.seal, this.ctx.host.county());
        const stamped = stampDocx(Buffer.from(doc.content), png);
        await this.ctx.db.transaction().execute(async (trx) => {
          if (stamped) await sealDocument(trx, doc.id, { seal: row.seal, by: doc.sealedBy ?? row.appliedBy ?? 'system', at: doc.sealedAt ?? answer.sealedAt, content: stamped, sha256: createHash('sha256').update(stamped).digest('hex') });
          await updateSealUses(trx, [row.id], { source: answer.image ? 'host' : 'host-specimen', reference: answer.reference ?? null, appliedAt: answer.sealedAt ?? row.appliedAt });
        });
      } catch (err) {
        this.options.log?.error({ err, documentId: doc.id }, '主机用印服务调用失败，稍后重试');
      }
    }
    return rows.length;
  }

  /** Make the PDFs of waiting documents (one batch); returns how many were handled. */
  async runPdfs(max = this.options.batch ?? 8): Promise<number> {
    const now = this.ctx.now();
    const docs = await claimPendingPdfs(this.ctx.db, now, LEASE_MS, max);
    if (!docs.length) return 0;
    if (!this.renderer.available) {
      for (const d of docs) await storePdf(this.ctx.db, d.id, d.sha256, { pdf: null, status: 'unavailable', error: this.renderer.reason, at: this.ctx.now() });
      return docs.length;
    }
    const out = await this.renderer.render(docs.map((d) => ({ id: d.id, docx: Buffer.from(d.content!) })));
    for (const d of docs) {
      const r = out.get(d.id);
      if (r instanceof Buffer) await storePdf(this.ctx.db, d.id, d.sha256, { pdf: r, status: 'ready', error: null, at: this.ctx.now() });
      else await storePdf(this.ctx.db, d.id, d.sha256, { pdf: null, status: 'failed', error: (r as Error | undefined)?.message ?? 'PDF 生成失败', at: this.ctx.now() });
    }
    return docs.length;
  }

  /** One poll. */
  async tick(): Promise<number> {
    return (await this.runHostSeals()) + (await this.runPdfs());
  }

  /** Work until nothing is waiting (tests and the bench). */
  async drain(): Promise<void> {
    while ((await this.tick()) > 0);
  }

  /** Start polling; documents whose PDF could not be made for want of a renderer are queued again when one is here now. */
  async start(): Promise<void> {
    if (!this.#stopped) return;
    this.#stopped = false;
    if (this.renderer.available) await requeuePdfs(this.ctx.db, ['unavailable']);
    else this.options.log?.warn?.({}, PDF_WARNING);
    const loop = async () => {
      if (this.#stopped) return;
      let busy = false;
      this.#running = (async () => {
        try {
          busy = (await this.tick()) > 0;
        } catch (err) {
          this.options.log?.error({ err }, '公文后台任务出错');
        }
      })();
      await this.#running;
      if (!this.#stopped) this.#timer = setTimeout(loop, busy ? 0 : (this.options.pollMs ?? 1000));
    };
    this.#timer = setTimeout(loop, 0);
  }

  /** Stop polling and wait for the current poll. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }
}

const PDF_WARNING = '未找到 LibreOffice：公文只生成 Word 版，PDF 暂不可用。安装方法：apt install libreoffice-writer-nogui（或设置 DUBAN_SOFFICE）';
