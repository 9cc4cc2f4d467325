/**
 * The official report to the Chairman of the province (issue 14 §2): the Report and the settings
 * turned into a document model, an ordered list of blocks in the administrative layout of Nghị định
 * 30/2020/NĐ-CP (Phụ lục I). Pure: the CLI renders the model into a .docx (src/cli/official-docx.ts),
 * the add-on into a Google Doc (src/gas/official.ts). Every figure is the report's, formatted here
 * once (1.234; 85,3%), so the two outputs cannot differ. Units are named, never people; no CCCD
 * is read (the model sees the Report only, which holds none). docs/official-report.md.
 */
import { INDICATORS, UNIT_TYPE_LABELS, UNIT_TYPES } from './schema';
import { formatDateVi, formatPeriodVi, parseYmd, periodPhraseVi } from './dates';
import { formatNumberVi, formatPercentVi, INDICATOR_STATUS_LABEL, OFFICIAL, REASON_LABEL } from './messages';
import { CONFIG_KEYS } from './schema';
import type { Report } from './types';

export type OfficialAlign = 'left' | 'center' | 'right' | 'justify';

export interface OfficialRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** What a paragraph is (renderers and tests find blocks by it). */
export type OfficialRole =
  | 'parent'
  | 'department'
  | 'number'
  | 'national'
  | 'motto'
  | 'date'
  | 'title'
  | 'subtitle'
  | 'addressee'
  | 'heading'
  | 'body'
  | 'note'
  | 'cell'
  | 'header-cell'
  | 'closing'
  | 'recipients-title'
  | 'recipient'
  | 'signer-title'
  | 'signer-space'
  | 'signer-name';

export interface OfficialParagraph {
  kind: 'paragraph';
  role: OfficialRole;
  runs: OfficialRun[];
  align: OfficialAlign;
  /** Font size in points. */
  size: number;
  /** First-line indent (body text of the decree: 1–1.27 cm). */
  indent?: boolean;
  /** Space before and after, in points. */
  before?: number;
  after?: number;
  /** Keep with the next block (headings: never alone at the bottom of a page). */
  keepNext?: boolean;
}

export type OfficialTableRole = 'header' | 'indicators' | 'completeness' | 'laggards' | 'signature';

export interface OfficialTable {
  kind: 'table';
  role: OfficialTableRole;
  /** Relative column widths (they sum to 100). */
  widths: number[];
  /** Grid lines (the header and signature blocks have none). */
  borders: boolean;
  /** Leading rows repeated at the top of every page the table spans. */
  headerRows: number;
  /** Rows of cells; a cell is one or more paragraphs. */
  rows: OfficialParagraph[][][];
}

export type OfficialBlock = OfficialParagraph | OfficialTable;

export interface OfficialDocument {
  /** The file's (and the Google Doc's) title. */
  title: string;
  font: string;
  /** Body size in points. */
  size: number;
  /** Page A4 and margins in millimetres (ND 30: top/bottom 20–25, left 30–35, right 15–20). */
  page: { width: number; height: number; top: number; bottom: number; left: number; right: number };
  /** Page numbers: Arabic, centred in the top margin, from the second page on (ND 30). */
  pageNumbers: 'top-center-from-second';
  blocks: OfficialBlock[];
}

export const OFFICIAL_FONT = 'Times New Roman';
/** Body 14 pt; tables 12 pt; Nơi nhận 12 (title) and 11 (items), as in Phụ lục I. */
const BODY = 14;
const TABLE = 12;

function para(role: OfficialRole, text: string | OfficialRun[], align: OfficialAlign, size: number, extra: Partial<OfficialParagraph> = {}): OfficialParagraph {
  return { kind: 'paragraph', role, runs: typeof text === 'string' ? [{ text }] : text, align, size, ...extra };
}

/** One run with emphasis (typed apart from `para`'s string | runs: a literal there would be read as String's). */
const emph = (text: string, e: Omit<OfficialRun, 'text'>): OfficialRun[] => [{ text, ...e }];
const strong = (text: string): OfficialRun[] => emph(text, { bold: true });

/** “Sở Khoa học và Công nghệ tỉnh Thanh Hóa” → the agency (“Sở Khoa học và Công nghệ”), the province's kind and name. */
export function splitDepartment(name: string): { agency: string; kind: string | null; province: string | null } {
  const m = /^(.*\S)\s+(tỉnh|thành phố|tp\.?)\s+(\S.*)$/iu.exec(name.trim());
  if (!m) return { agency: name.trim(), kind: null, province: null };
  const kind = /^tp/i.test(m[2]) ? 'thành phố' : m[2].toLowerCase();
  return { agency: m[1], kind, province: m[3].trim() };
}

/** The issuing body's two lines, the place of the date line and the other settings, defaults applied. */
export function officialHeading(report: Report): { parent: string; department: string; place: string } {
  const s = report.settings;
  const d = splitDepartment(s.departmentName);
  const parent = s.parentAgency || (d.province ? `UBND ${d.kind ?? ''} ${d.province}` : '');
  return {
    parent: parent ? parent.toUpperCase() : OFFICIAL.parentPlaceholder,
    department: d.agency.toUpperCase(),
    place: s.place || d.province || OFFICIAL.placeholder,
  };
}

const n = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : formatNumberVi(v));
const pct = (v: number | null | undefined, decimals = 1): string => formatPercentVi(v ?? null, decimals);

function cell(text: string, align: OfficialAlign = 'center', header = false): OfficialParagraph[] {
  return [para(header ? 'header-cell' : 'cell', header ? strong(text) : text, align, TABLE)];
}

function headerRow(labels: readonly string[]): OfficialParagraph[][] {
  return labels.map((l) => cell(l, 'center', true));
}

/** Free text of a setting: one paragraph per line, or the note that says where to write it. */
function freeText(text: string, key: string): OfficialParagraph[] {
  const lines = text.split('\n').filter((l) => l.trim());
  if (!lines.length) return [para('body', emph(OFFICIAL.emptyText(key), { italic: true }), 'justify', BODY, { indent: true, after: 6 })];
  return lines.map((l) => para('body', l, 'justify', BODY, { indent: true, after: 6 }));
}

/** The official report's document model from the report (and its settings). */
export function officialDocument(report: Report): OfficialDocument {
  const s = report.settings;
  const p = report.province;
  const head = officialHeading(report);
  // report.today and report.deadline are the core's own YYYY-MM-DD
  const today = parseYmd(report.today) ?? { y: 0, m: 0, d: 0 };
  const deadline = parseYmd(report.deadline) ?? today;
  const period = formatPeriodVi(report.period);
  const phrase = periodPhraseVi(report.period);
  const blocks: OfficialBlock[] = [];
  const body = (text: string) => blocks.push(para('body', text, 'justify', BODY, { indent: true, after: 6 }));
  const heading = (text: string) => blocks.push(para('heading', strong(text), 'justify', BODY, { indent: true, before: 6, after: 6, keepNext: true }));

  // Header: issuing body | Quốc hiệu and Tiêu ngữ; then Số | place and date (ND 30, Phụ lục I, ô 1–4)
  blocks.push({
    kind: 'table',
    role: 'header',
    widths: [40, 60],
    borders: false,
    headerRows: 0,
    rows: [
      [
        [para('parent', head.parent, 'center', 12), para('department', strong(head.department), 'center', 12)],
        [para('national', strong(OFFICIAL.nationalName), 'center', 12), para('motto', emph(OFFICIAL.motto, { bold: true, underline: true }), 'center', 13)],
      ],
      [
        [para('number', OFFICIAL.number(s.reportSymbol), 'center', 13, { before: 6 })],
        [para('date', emph(OFFICIAL.dateLine(head.place, today.d, today.m, today.y), { italic: true }), 'center', 14, { before: 6 })],
      ],
    ],
  });
  blocks.push(para('title', strong(OFFICIAL.title), 'center', BODY, { before: 18, keepNext: true }));
  blocks.push(para('subtitle', strong(OFFICIAL.subtitle(phrase)), 'center', BODY, { after: 12, keepNext: true }));
  blocks.push(para('addressee', OFFICIAL.addressee(s.addressee), 'center', BODY, { after: 12 }));

  // I. The general situation
  heading(OFFICIAL.sections.general);
  const g = OFFICIAL.general;
  body(g.units(formatDateVi(today), n(report.units.length), s.departmentName));
  body(g.learners(n(p.learners.rows), n(p.learners.valid), n(p.learners.completed), n(p.learners.inProgress), n(p.learners.notStarted)));
  body(p.learners.invalid > 0 ? g.rejected(n(p.learners.invalid), n(p.learners.duplicates)) : g.noRejected);
  body(p.laggards > 0 ? g.laggards(n(p.laggards)) : g.noLaggards);
  if (report.closed) body(g.closed(phrase, report.closed.version));

  // II. The indicators: numerator, denominator, rate, target, evidence, status
  heading(OFFICIAL.sections.indicators);
  body(OFFICIAL.indicatorIntro(phrase));
  const indicatorRows: OfficialParagraph[][][] = [headerRow(OFFICIAL.indicatorHeader)];
  let i = 0;
  for (const code of INDICATORS) {
    const v = p.indicators[code];
    if (!v) continue;
    const name = s.targets.find((t) => t.code === code)?.name ?? code;
    indicatorRows.push([
      cell(String(++i)),
      cell(name, 'left'),
      cell(n(v.numerator), 'right'),
      cell(n(v.denominator), 'right'),
      cell(pct(v.percent), 'right'),
      cell(pct(v.target, 0), 'right'),
      cell(n(v.evidenced), 'right'),
      cell(INDICATOR_STATUS_LABEL[v.status]),
    ]);
  }
  blocks.push({ kind: 'table', role: 'indicators', widths: [7, 29, 12, 13, 9, 9, 11, 10], borders: true, headerRows: 1, rows: indicatorRows });
  blocks.push(para('note', emph(OFFICIAL.evidenceNote, { italic: true }), 'justify', TABLE, { after: 6 }));

  // III. Reporting completeness, province-wide and by unit type
  heading(OFFICIAL.sections.completeness);
  const c = p.completeness;
  body(OFFICIAL.completeness(phrase, n(c.expected), n(c.submitted), pct(c.rate), n(c.onTime), pct(c.onTimeRate), formatDateVi(deadline)));
  const typeRows: OfficialParagraph[][][] = [headerRow(OFFICIAL.completenessHeader)];
  for (const type of UNIT_TYPES) {
    const t = p.byType.find((b) => b.type === type);
    if (!t || t.units === 0) continue;
    typeRows.push([
      cell(UNIT_TYPE_LABELS[type], 'left'),
      cell(n(t.units), 'right'),
      cell(n(t.completeness.expected), 'right'),
      cell(n(t.completeness.submitted), 'right'),
      cell(n(t.completeness.onTime), 'right'),
      cell(pct(t.completeness.rate), 'right'),
      cell(n(t.laggards), 'right'),
    ]);
  }
  const boldCell = (text: string, align: OfficialAlign) => [para('cell', strong(text), align, TABLE)];
  typeRows.push([
    boldCell(OFFICIAL.provinceRow, 'left'),
    boldCell(n(report.units.length), 'right'),
    boldCell(n(c.expected), 'right'),
    boldCell(n(c.submitted), 'right'),
    boldCell(n(c.onTime), 'right'),
    boldCell(pct(c.rate), 'right'),
    boldCell(n(p.laggards), 'right'),
  ]);
  blocks.push({ kind: 'table', role: 'completeness', widths: [25, 11, 13, 13, 12, 14, 12], borders: true, headerRows: 1, rows: typeRows });

  // IV. Units behind, with the reasons (units, never their focal points)
  heading(OFFICIAL.sections.laggards);
  const laggards = report.units.filter((u) => u.laggard);
  if (!laggards.length) body(OFFICIAL.noLaggards);
  else {
    body(OFFICIAL.laggardsIntro(n(laggards.length)));
    const rows: OfficialParagraph[][][] = [headerRow(OFFICIAL.laggardsHeader)];
    laggards.forEach((u, k) => {
      rows.push([
        cell(String(k + 1)),
        cell(u.name, 'left'),
        cell(UNIT_TYPE_LABELS[u.type], 'left'),
        cell(u.reasons.map((r) => REASON_LABEL[r]).join('; '), 'left'),
      ]);
    });
    blocks.push({ kind: 'table', role: 'laggards', widths: [7, 40, 18, 35], borders: true, headerRows: 1, rows });
  }

  // V., VI. Free text from `Cấu hình`
  heading(OFFICIAL.sections.difficulties);
  blocks.push(...freeText(s.difficulties, CONFIG_KEYS.difficulties.label));
  heading(OFFICIAL.sections.proposals);
  blocks.push(...freeText(s.proposals, CONFIG_KEYS.proposals.label));
  blocks.push(para('closing', OFFICIAL.closing(s.departmentName, s.addressee), 'justify', BODY, { indent: true, after: 12, keepNext: true }));

  // Nơi nhận | the signer (ND 30, Phụ lục I, ô 7–9)
  const recipients = s.recipients.map((r, k) => para('recipient', `- ${r}${k === s.recipients.length - 1 ? '.' : ';'}`, 'left', 11));
  blocks.push({
    kind: 'table',
    role: 'signature',
    widths: [50, 50],
    borders: false,
    headerRows: 0,
    rows: [
      [
        [para('recipients-title', emph(OFFICIAL.recipientsTitle, { bold: true, italic: true }), 'left', 12), ...recipients],
        [
          para('signer-title', strong(s.signerTitle.toUpperCase()), 'center', BODY),
          ...[0, 1, 2, 3].map(() => para('signer-space', '', 'center', BODY)),
          para('signer-name', s.signerName ? strong(s.signerName) : OFFICIAL.signerPlaceholder, 'center', BODY),
        ],
      ],
    ],
  });

  return {
    title: OFFICIAL.fileTitle(period),
    font: OFFICIAL_FONT,
    size: BODY,
    page: { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 },
    pageNumbers: 'top-center-from-second',
    blocks,
  };
}

/** A paragraph's text (tests and renderers). */
export function paragraphText(p: OfficialParagraph): string {
  return p.runs.map((r) => r.text).join('');
}
