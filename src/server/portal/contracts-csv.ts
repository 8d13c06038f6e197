/**
 * `tokendesk ca contract import FILE.csv`: the contracts the portal accepts (CA manual
 * §7.2: an application starts from a 13-digit 契約番号 the CA must know — rows 13/14
 * of §12.1 otherwise). The CSV is parsed by csv-parse (quotes, embedded commas and
 * line breaks, a BOM from Excel); every row is checked and the first bad one refuses
 * the whole file, naming its line: all rows or none are loaded.
 *
 * Columns (header row required, in any order):
 *   contract_no,title,contractor,contractor_en,branch,office,period_from,period_to
 */
import { parse } from 'csv-parse/sync';
import type { CaContext } from '../ca-context.js';
import { isContractNo } from '../identifiers.js';
import { serverErrors } from '../server-error.js';
import { PortalStore, type ContractRecord } from './portal-store.js';

export const CONTRACT_COLUMNS = ['contract_no', 'title', 'contractor', 'contractor_en', 'branch', 'office', 'period_from', 'period_to'] as const;
const MAX_ROWS = 100_000;

type ContractRow = Omit<ContractRecord, 'imported_at'>;

const refuse = (line: number, ja: string, en: string) => serverErrors.invalidArgument({ ja: `契約CSVの${line}行目: ${ja}`, en: `Contract CSV line ${line}: ${en}` });

function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

export function parseContractsCsv(text: string): ContractRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true, max_record_size: 4096, to: MAX_ROWS + 1 }) as Record<string, string>[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    throw refuse(line, 'CSVとして読めません。', 'not valid CSV.');
  }
  if (records.length > MAX_ROWS) throw refuse(MAX_ROWS + 2, `一度に読み込めるのは${MAX_ROWS}行までです。`, `at most ${MAX_ROWS} rows at once.`);
  return records.map((record, index) => {
    const line = index + 2;
    for (const column of CONTRACT_COLUMNS) {
      if (typeof record[column] !== 'string') throw refuse(1, `列「${column}」がありません（必要な列: ${CONTRACT_COLUMNS.join(',')}）。`, `column "${column}" is missing (columns: ${CONTRACT_COLUMNS.join(',')}).`);
    }
    const row = Object.fromEntries(CONTRACT_COLUMNS.map((c) => [c, record[c]!])) as unknown as ContractRow;
    if (!isContractNo(row.contract_no)) throw refuse(line, '契約番号は半角数字13桁です。', 'the contract number is 13 digits.');
    for (const column of ['title', 'contractor', 'contractor_en', 'branch', 'office'] as const) {
      const value = row[column];
      if (value.length > 200 || [...value].some((ch) => ch.charCodeAt(0) < 0x20)) throw refuse(line, `「${column}」は200文字までです（制御文字は使えません）。`, `"${column}" is at most 200 characters, without control characters.`);
    }
    if (row.title === '' || row.contractor === '') throw refuse(line, '契約件名と受注者は必須です。', 'title and contractor are required.');
    if (!isDate(row.period_from) || !isDate(row.period_to) || row.period_from > row.period_to) {
      throw refuse(line, '工期は YYYY-MM-DD で、開始日が終了日以前です。', 'the work period is YYYY-MM-DD, the start not after the end.');
    }
    return row;
  });
}

export async function importContracts(ctx: CaContext, csvText: string): Promise<{ imported: number }> {
  const rows = parseContractsCsv(csvText);
  const numbers = new Set<string>();
  rows.forEach((row, index) => {
    if (numbers.has(row.contract_no)) throw refuse(index + 2, `契約番号 ${row.contract_no} が重複しています。`, `contract number ${row.contract_no} appears twice.`);
    numbers.add(row.contract_no);
  });
  const imported = await new PortalStore(ctx.store).importContracts(rows, new Date().toISOString());
  return { imported };
}
