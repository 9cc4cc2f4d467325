/**
 * The official report's document model (src/core/official.ts) as a .docx, written with the `docx`
 * package (https://docx.js.org): A4, the decree's margins, Times New Roman, page numbers centred
 * at the top from the second page (a first-page header left empty), tables whose header row repeats
 * on every page and whose rows do not split across pages. Nothing is computed here: every text and
 * figure is the model's.
 */
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
  type IRunOptions,
} from 'docx';
import { GENERATOR, type OfficialAlign, type OfficialDocument, type OfficialParagraph, type OfficialTable } from '../core';

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const satisfies Record<OfficialAlign, unknown>;

/** Half-points, the unit of w:sz. */
const halfPoints = (pt: number) => pt * 2;

function paragraph(p: OfficialParagraph, font: string): Paragraph {
  return new Paragraph({
    alignment: ALIGN[p.align],
    keepNext: p.keepNext,
    // body text: first line 1 cm, single line spacing with a little air (ND 30: "tối thiểu là dòng đơn")
    indent: p.indent ? { firstLine: convertMillimetersToTwip(10) } : undefined,
    spacing: { before: (p.before ?? 0) * 20, after: (p.after ?? 0) * 20, line: 276 },
    children: p.runs.map((r) => {
      // typed apart: inside `new TextRun(…)` (string | options) the literal's keys read as String's
      const options: IRunOptions = { text: r.text, bold: r.bold, italics: r.italic, underline: r.underline ? {} : undefined, font, size: halfPoints(p.size) };
      return new TextRun(options);
    }),
  });
}

const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function table(t: OfficialTable, font: string, widthTwips: number): Table {
  const widths = t.widths.map((w) => Math.round((w / 100) * widthTwips));
  const b = t.borders ? LINE : NONE;
  return new Table({
    width: { size: widthTwips, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: b, bottom: b, left: b, right: b, insideHorizontal: b, insideVertical: b },
    rows: t.rows.map(
      (row, r) =>
        new TableRow({
          tableHeader: r < t.headerRows ? true : undefined,
          cantSplit: true,
          children: row.map(
            (cell, c) =>
              new TableCell({
                width: { size: widths[c], type: WidthType.DXA },
                verticalAlign: t.borders ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
                margins: t.borders ? { left: 60, right: 60, top: 20, bottom: 20 } : { left: 0, right: 0, top: 0, bottom: 0 },
                children: cell.map((p) => paragraph(p, font)),
              }),
          ),
        }),
    ),
  });
}

/** The .docx bytes of the official report. */
export async function officialDocx(doc: OfficialDocument): Promise<Uint8Array> {
  const mm = convertMillimetersToTwip;
  const contentWidth = mm(doc.page.width - doc.page.left - doc.page.right);
  const children = doc.blocks.map((b) => (b.kind === 'paragraph' ? paragraph(b, doc.font) : table(b, doc.font, contentWidth)));
  const pageNumber = new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ children: [PageNumber.CURRENT], font: doc.font, size: halfPoints(doc.size) })],
  });
  const document = new Document({
    title: doc.title,
    creator: GENERATOR,
    styles: { default: { document: { run: { font: doc.font, size: halfPoints(doc.size) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: mm(doc.page.width), height: mm(doc.page.height) },
            margin: { top: mm(doc.page.top), bottom: mm(doc.page.bottom), left: mm(doc.page.left), right: mm(doc.page.right), header: mm(10) },
          },
        },
        headers: { default: new Header({ children: [pageNumber] }), first: new Header({ children: [new Paragraph({})] }) },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
