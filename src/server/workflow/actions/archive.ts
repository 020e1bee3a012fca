import { listAttachmentNames } from '../../attachments/attachment.repository';
import { findDocumentsOfItem } from '../../documents/document.repository';
import { findChildItemIds } from '../../items/item.repository';
import { result, splitList, type ServiceActionHandler } from './action';

/** `archive` (归档): the item's documents and files are checked against the materials the archive must hold, and handed to the host's archive. */
export const archiveAction: ServiceActionHandler = async (call) => {
  const { s, live, params } = call;
  const materials = splitList(params.materials).length ? splitList(params.materials) : live.def.meta.materials;
  const itemIds = [live.item.id, ...(await findChildItemIds(s.trx, live.item.id))];
  const docs = await findDocumentsOfItem(s.trx, itemIds);
  const files = await listAttachmentNames(s.trx, itemIds);
  const names = [...docs.map((d) => d.docType), ...docs.map((d) => d.title), ...files];
  const missing = materials.filter((m) => {
    const base = m.replace(/[（(].*?[)）]/g, '').trim();
    return !names.some((n) => n.includes(base));
  });
  if (s.ctx.host.archive) {
    s.outbox.push('archive', {
      itemId: live.item.id,
      title: live.item.title,
      materials,
      documents: docs.map((d) => ({ id: d.id, number: d.number, type: d.docType })),
    });
  }
  s.audit.add(live.item.id, 'item.archived', { actor: s.actor, data: { materials, missing, documents: docs.length, attachments: files.length } });
  return result(call, true, 'archived', { archivedAt: s.now, missingMaterials: missing });
};
