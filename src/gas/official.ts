/**
 * Menu "Tạo báo cáo gửi UBND tỉnh": the official report (src/core/official.ts) as a new Google Doc
 * in the user's Drive, made with DocumentApp (scope `documents`: README "Permissions"). The workbook
 * is read and consolidated as for "Tổng hợp" (nothing in it is written); the core's document model
 * is rendered block by block: A4 and the decree's margins, Times New Roman, each paragraph's
 * alignment, size, spacing and first-line indent, each run's bold/italic/underline, tables with
 * their column widths (grid lines only where the model has them). A dialog gives the link.
 *
 * DocumentApp has no page-number field and no repeated table header row: the dialog says how to
 * add page numbers in Docs (Chèn ▸ Số trang), docs/official-report.md lists both.
 */
import { GAS, OFFICIAL, officialDocument, escapeHtml, type OfficialAlign, type OfficialDocument, type OfficialParagraph, type OfficialTable } from '../core';
import { computeReport, errorText, RunStop } from './run';
import { alert, getUi, log, showDialog, toast } from './ui';

export interface OfficialResult {
  status: 'done' | 'failed';
  message: string;
  /** The new document's id and link (done). */
  id?: string;
  url?: string;
}

type Body = GoogleAppsScript.Document.Body;
type Paragraph = GoogleAppsScript.Document.Paragraph;

/** Millimetres to points (DocumentApp's unit). */
const pt = (mm: number) => Math.round((mm * 72 * 100) / 25.4) / 100;

function alignment(a: OfficialAlign): GoogleAppsScript.Document.HorizontalAlignment {
  const H = DocumentApp.HorizontalAlignment;
  return a === 'center' ? H.CENTER : a === 'right' ? H.RIGHT : a === 'justify' ? H.JUSTIFY : H.LEFT;
}

/** One paragraph of the model into `p`: its attributes in one call, then one call per run. */
function styleParagraph(p: Paragraph, m: OfficialParagraph, font: string): void {
  const A = DocumentApp.Attribute;
  p.setAlignment(alignment(m.align));
  const attrs: Record<string, unknown> = {
    [A.FONT_FAMILY]: font,
    [A.FONT_SIZE]: m.size,
    [A.SPACING_BEFORE]: m.before ?? 0,
    [A.SPACING_AFTER]: m.after ?? 0,
    [A.INDENT_FIRST_LINE]: m.indent ? pt(10) : 0,
    [A.LINE_SPACING]: 1.15,
  };
  p.setAttributes(attrs);
  for (const r of m.runs) {
    if (!r.text) continue;
    p.appendText(r.text).setAttributes({
      [A.FONT_FAMILY]: font,
      [A.FONT_SIZE]: m.size,
      [A.BOLD]: r.bold === true,
      [A.ITALIC]: r.italic === true,
      [A.UNDERLINE]: r.underline === true,
    });
  }
}

function appendTable(body: Body, t: OfficialTable, font: string, widthMm: number): void {
  const table = body.appendTable(t.rows.map((row) => row.map(() => '')));
  table.setBorderWidth(t.borders ? 1 : 0);
  t.widths.forEach((w, c) => {
    table.setColumnWidth(c, pt((widthMm * w) / 100));
  });
  t.rows.forEach((row, r) => {
    row.forEach((paragraphs, c) => {
      const cell = table.getCell(r, c);
      cell.setVerticalAlignment(t.borders ? DocumentApp.VerticalAlignment.CENTER : DocumentApp.VerticalAlignment.TOP);
      paragraphs.forEach((m, k) => {
        styleParagraph(k === 0 ? cell.getChild(0).asParagraph() : cell.appendParagraph(''), m, font);
      });
    });
  });
}

/** The model into a new Google Doc, saved and closed; returns its id and link. */
export function renderOfficialDoc(model: OfficialDocument): { id: string; url: string } {
  const doc = DocumentApp.create(model.title);
  const made = { id: doc.getId(), url: doc.getUrl() };
  const body = doc.getBody();
  const g = model.page;
  body
    .setPageWidth(pt(g.width))
    .setPageHeight(pt(g.height))
    .setMarginTop(pt(g.top))
    .setMarginBottom(pt(g.bottom))
    .setMarginLeft(pt(g.left))
    .setMarginRight(pt(g.right));
  const width = g.width - g.left - g.right;
  for (const b of model.blocks) {
    if (b.kind === 'paragraph') styleParagraph(body.appendParagraph(''), b, model.font);
    else appendTable(body, b, model.font, width);
  }
  // a new document starts with one empty paragraph: removed now that it is not the last
  body.getChild(0).asParagraph().removeFromParent();
  doc.saveAndClose();
  return made;
}

function dialogHtml(name: string, url: string): string {
  const T = OFFICIAL.gas;
  return (
    `<div style="font-family:Arial,sans-serif;font-size:14px;line-height:1.5">` +
    `<p>${escapeHtml(T.done(name))}</p>` +
    `<p><a href="${escapeHtml(url)}" target="_blank" rel="noopener">${escapeHtml(T.open)}</a></p>` +
    `<p style="color:#555">${escapeHtml(T.pageNumbers)}</p></div>`
  );
}

export function createOfficialReport(): OfficialResult {
  const T = OFFICIAL.gas;
  if (!getUi()) {
    log(T.noUi);
    return { status: 'failed', message: T.noUi };
  }
  try {
    toast(T.computing);
    const report = computeReport(true);
    toast(T.writing);
    const model = officialDocument(report);
    const { id, url } = renderOfficialDoc(model);
    showDialog(dialogHtml(model.title, url), T.title, 520, 220);
    return { status: 'done', message: T.done(model.title), id, url };
  } catch (e) {
    const why = e instanceof RunStop ? e.message : GAS.failed(errorText(e));
    alert(why, T.title);
    return { status: 'failed', message: why };
  }
}
