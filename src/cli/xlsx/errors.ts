/**
 * The one error type of the .xlsx reader and writer. `code` is for programs, `detail` is a short
 * Vietnamese phrase that the command line shows inside its own sentence.
 */
export type XlsxErrorCode =
  /** Not a zip file at all (empty, text, HTML, random bytes). */
  | 'NOT_ZIP'
  /** A zip file, but not a spreadsheet (no workbook part; .docx, .ods, a plain archive). */
  | 'NOT_XLSX'
  /** An OLE compound file: a password-protected .xlsx or an old Excel 97–2003 .xls (see detail). */
  | 'ENCRYPTED'
  /** A damaged zip or workbook (truncated, bad offsets, bad deflate data, a missing part). */
  | 'CORRUPT'
  /** Beyond what this reader holds in memory (a part over the size limit, too many cells). */
  | 'TOO_LARGE'
  /** Writer: an invalid or duplicate sheet name. */
  | 'BAD_SHEET_NAME';

export class XlsxError extends Error {
  constructor(
    readonly code: XlsxErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'XlsxError';
  }
}
