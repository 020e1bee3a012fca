/** Builds the ledger's .xlsx with exceljs (loaded only when someone exports). */
import dayjs from 'dayjs';
import { ITEM_STATUS_LABELS, LIGHT_LABELS } from '@/locales';
import type { ItemSummary } from '@/services/types';

/** The columns of the exported sheet. */
const COLUMNS: { header: string; width: number; value: (r: ItemSummary) => string }[] = [
  { header: '登记编号', width: 18, value: (r) => r.code },
  { header: '事项名称', width: 40, value: (r) => r.title },
  { header: '流程', width: 16, value: (r) => r.procedureName },
  { header: '启动来源', width: 30, value: (r) => r.source ?? '' },
  { header: '牵头单位', width: 18, value: (r) => r.leadUnitName ?? '' },
  { header: '承办单位', width: 30, value: (r) => r.units.map((u) => u.name).join('、') },
  { header: '状态', width: 8, value: (r) => ITEM_STATUS_LABELS[r.status] ?? r.status },
  { header: '预警', width: 8, value: (r) => (r.status === 'running' ? LIGHT_LABELS[r.light] : '') },
  { header: '办理期限', width: 12, value: (r) => r.dueDate ?? '' },
  { header: '原定期限', width: 12, value: (r) => r.originalDueDate ?? '' },
  { header: '登记人', width: 10, value: (r) => r.createdByName ?? r.createdBy },
  { header: '登记时间', width: 17, value: (r) => dayjs(r.createdAt).format('YYYY-MM-DD HH:mm') },
  { header: '办结时间', width: 17, value: (r) => (r.completedAt ? dayjs(r.completedAt).format('YYYY-MM-DD HH:mm') : '') },
];

const FILLS: Record<string, string> = { red: 'FFFDECEC', yellow: 'FFFFF6D6', green: 'FFE8F5E9' };

/** Saves the rows as 督查台账-<date>.xlsx in the browser. */
export async function exportLedger(rows: ItemSummary[], filterText: string): Promise<void> {
  const mod = await import('exceljs');
  // The browser build is a UMD bundle: webpack may hand it over as the default export or as the module.
  const ExcelJS = ((mod as unknown as { default?: typeof mod }).default ?? mod) as typeof import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '督查督办平台';
  wb.created = new Date();
  const ws = wb.addWorksheet('督查台账', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getCell(1, 1).value = '督查台账';
  ws.getCell(1, 1).font = { size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, COLUMNS.length);
  ws.getCell(2, 1).value = `导出时间：${dayjs().format('YYYY-MM-DD HH:mm')}　共 ${rows.length} 项${filterText ? `　筛选：${filterText}` : ''}`;
  ws.getCell(2, 1).font = { size: 10, color: { argb: 'FF666666' } };
  const header = ws.getRow(3);
  COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    ws.getColumn(i + 1).width = c.width;
  });
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1B4F91' } };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  rows.forEach((r) => {
    const row = ws.addRow(COLUMNS.map((c) => c.value(r)));
    row.alignment = { vertical: 'top', wrapText: true };
    const fill = r.status === 'running' ? FILLS[r.light] : undefined;
    if (fill) row.getCell(8).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  });
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: COLUMNS.length } };
  const buffer = await wb.xlsx.writeBuffer();
  const blob = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `督查台账-${dayjs().format('YYYYMMDD-HHmm')}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
