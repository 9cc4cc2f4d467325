/**
 * Collecting issues: one place that turns (code, location, details) into the contract's Issue
 * with its severity (issue-codes.ts), its Vietnamese text and fix (messages.ts ISSUE_TEXTS), and
 * its location kept apart from the text.
 *
 * An issue keeps its code, location and details; its text is built from the details on the first
 * read of its message, text or fix (whichever comes first), apart from the location, and the
 * message is the location followed by that text, cached with where the text starts in it, so
 * `text` (what the status column and the reminders show beside their own location) is that part
 * of the message, never found again by matching the location. One string per issue once read, and
 * none before: a million issues that no output reads hold no message (the `Lỗi dữ liệu` grid and
 * the JSON share the one built). `toJSON` writes the contract's fields in their order (code,
 * severity, message, sheet, row, column, unit, fix), without the text's position.
 */
import { hasDigitRun, maskDigitRuns } from './cccd';
import { SEVERITY, type IssueCode, type IssueDetailsByCode, type NoDetails } from './issue-codes';
import { issueText, locationText } from './messages';
import type { Issue, Severity } from './types';

export interface IssueLocation {
  sheet?: string;
  row?: number;
  column?: string;
  unit?: string;
}

/** The details argument of `add` and `makeIssue`: required, or optional for a code that has none. */
export type DetailsArg<C extends IssueCode> = IssueDetailsByCode[C] extends NoDetails ? [details?: NoDetails] : [details: IssueDetailsByCode[C]];

export interface IssueSink {
  add<C extends IssueCode>(code: C, at: IssueLocation, ...details: DetailsArg<C>): Issue;
  readonly list: Issue[];
}

/** The contract's fields of an issue, as tong-hop.json writes them. */
export interface IssueJson {
  code: IssueCode;
  severity: Severity;
  message: string;
  sheet?: string;
  row?: number;
  column?: string;
  unit?: string;
  fix?: string;
}

/** The details of any code (what `add` and `makeIssue` hand over, typed by their caller's code). */
type AnyDetails = IssueDetailsByCode[IssueCode];

/** What reading an issue builds once: the message, where its text starts, and the masked fix. */
class BuiltText {
  constructor(
    /** Location + text: “Trang “Học viên”, dòng 12, cột “Số CCCD”: Thiếu số CCCD.” */
    readonly message: string,
    /** Where the text starts in the message (0 for an issue without a location). */
    readonly textStart: number,
    /** The masked fix, when the code's text has one. */
    readonly fix: string | undefined,
  ) {}
}

/**
 * An issue. Its message, text and fix are built on first read, from the code, the location and
 * the details kept until then, and cached (issue 12 §7: a run that makes 425,000 warnings no
 * longer builds and keeps 425,000 messages in the core; only what an output reads is built, and a
 * capped `Lỗi dữ liệu` reads only what it shows). The getters are on the prototype, so a spread
 * (`{ ...issue }`) or `Object.keys` does not see them: outputs read them by name, and `toJSON`
 * writes the contract's fields in their order (its severity too, read from the code's).
 */
class IssueRecord implements Issue {
  declare sheet?: string;
  declare row?: number;
  declare column?: string;
  declare unit?: string;

  /**
   * What the text is built from until it is read (the details), then what was built from them
   * (a BuiltText; the details are dropped). One slot for both: a run keeps hundreds of thousands
   * of unread issues (issue 12 §7), each as small as its code and location allow. Not enumerable:
   * the quoted values in the details are not masked yet, and a spread, `Object.keys` or a
   * structured clone of an issue must not carry them (only the getters, which mask, read them).
   */
  declare private state: AnyDetails | BuiltText | undefined;

  constructor(
    readonly code: IssueCode,
    details: AnyDetails | undefined,
  ) {
    Object.defineProperty(this, 'state', { value: details, writable: true, enumerable: false, configurable: false });
  }

  /** The code's severity (issue-codes.ts SEVERITY): one table, not a field per issue. */
  get severity(): Severity {
    return SEVERITY[this.code];
  }

  /** Location + text: “Trang “Học viên”, dòng 12, cột “Số CCCD”: Thiếu số CCCD.” */
  get message(): string {
    return this.built().message;
  }

  /** The text without the location: the part of the message built from the details. */
  get text(): string {
    const b = this.built();
    return b.textStart === 0 ? b.message : b.message.slice(b.textStart);
  }

  /** Vietnamese: how to fix it (masked), when the code's text has one. */
  get fix(): string | undefined {
    return this.built().fix;
  }

  private built(): BuiltText {
    const state = this.state;
    return state instanceof BuiltText ? state : this.build(state);
  }

  private build(details: AnyDetails | undefined): BuiltText {
    const t = issueText(this.code, details ?? {});
    const where = locationOf(this.sheet, this.row, this.column);
    // join, not +: one flat string per issue, not a rope that keeps the location and the text as
    // two more strings until something reads the message (1.87 GB peak instead of 1.32 GB for a
    // million issues through the command line)
    let message = where ? [where, t.text].join(': ') : maskDigitRuns(t.text);
    let textStart = where ? where.length + 2 : 0;
    // one masking for every value quoted from the workbook: the text's (a CCCD pasted into any
    // column) and the location's (a sheet or column name), each on its own (a digit run never spans
    // the ': ' between them). A message without a run that maskDigitRuns looks at has none in
    // either part: it is used as joined, one regular expression test and no text built alone
    // first (most warnings: their digits are row numbers).
    if (where && hasDigitRun(message)) {
      const masked = maskDigitRuns(where);
      message = [masked, maskDigitRuns(t.text)].join(': ');
      textStart = masked.length + 2;
    }
    const built = new BuiltText(message, textStart, t.fix ? maskDigitRuns(t.fix) : undefined);
    this.state = built;
    return built;
  }

  toJSON(): IssueJson {
    const json: IssueJson = { code: this.code, severity: this.severity, message: this.message };
    if (this.sheet !== undefined) json.sheet = this.sheet;
    if (this.row !== undefined) json.row = this.row;
    if (this.column !== undefined) json.column = this.column;
    if (this.unit !== undefined) json.unit = this.unit;
    const fix = this.fix;
    if (fix !== undefined) json.fix = fix;
    return json;
  }
}

/**
 * The location of the last issue with a sheet, a row and a column, as locationText writes it, cut
 * around the row: consecutive issues of a learner sheet share their sheet and column, so their
 * location is `before + row + after` (a rope that the message's join copies once) instead of an
 * array, three strings and their join per issue.
 */
let lastSheet = '';
let lastColumn = '';
let before = '';
let after = '';

function locationOf(sheet: string | undefined, row: number | undefined, column: string | undefined): string {
  if (!sheet || !row || !column) return locationText(sheet, row, column);
  if (sheet !== lastSheet || column !== lastColumn || before === '') {
    // the parts as locationText joins them, checked against it on two rows (else: not cut)
    const b = `${locationText(sheet)}, dòng `;
    const a = `, ${locationText(undefined, undefined, column)}`;
    if (locationText(sheet, 1, column) !== `${b}1${a}` || locationText(sheet, 22, column) !== `${b}22${a}`) return locationText(sheet, row, column);
    before = b;
    after = a;
    lastSheet = sheet;
    lastColumn = column;
  }
  return before + String(row) + after;
}

function buildIssue(code: IssueCode, at: IssueLocation, details?: AnyDetails): Issue {
  const issue = new IssueRecord(code, details);
  if (at.sheet !== undefined) issue.sheet = at.sheet;
  if (at.row !== undefined) issue.row = at.row;
  if (at.column !== undefined) issue.column = at.column;
  if (at.unit !== undefined) issue.unit = at.unit;
  return issue;
}

/** An issue from its code, location and that code's details (a plain parameter inside: no array per issue). */
export const makeIssue: <C extends IssueCode>(code: C, at: IssueLocation, ...details: DetailsArg<C>) => Issue = buildIssue;

export function createIssueSink(): IssueSink {
  const list: Issue[] = [];
  return {
    list,
    add(code: IssueCode, at: IssueLocation, details?: AnyDetails) {
      const issue = buildIssue(code, at, details);
      list.push(issue);
      return issue;
    },
  };
}
