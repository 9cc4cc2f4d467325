/**
 * Collecting issues: one place that turns (code, location, details) into the contract's Issue
 * with its severity (issue-codes.ts), its Vietnamese text and fix (messages.ts ISSUE_TEXTS), and
 * its location kept apart from the text.
 *
 * An issue stores the location-free text once (the status column and the reminders show it
 * beside their own location); its `message`, location + text as tong-hop.json and `Lỗi dữ liệu`
 * show it, is built when read, so a million issues hold one text each, not two. `toJSON` writes
 * the contract's fields in their order (code, severity, message, sheet, row, column, unit, fix).
 */
import { maskDigitRuns } from './cccd';
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

class IssueRecord implements Issue {
  declare sheet?: string;
  declare row?: number;
  declare column?: string;
  declare unit?: string;
  declare fix?: string;

  constructor(
    readonly code: IssueCode,
    readonly severity: Severity,
    readonly text: string,
  ) {}

  /** Location + text: “Trang “Học viên”, dòng 12, cột “Số CCCD”: Thiếu số CCCD.” */
  get message(): string {
    const where = locationText(this.sheet, this.row, this.column);
    // a sheet or column name is quoted from the workbook too: masked like the text (a digit run
    // never spans the ': ' between them, so this is the masking of the whole message)
    return where ? `${maskDigitRuns(where)}: ${this.text}` : this.text;
  }

  toJSON(): IssueJson {
    const json: IssueJson = { code: this.code, severity: this.severity, message: this.message };
    if (this.sheet !== undefined) json.sheet = this.sheet;
    if (this.row !== undefined) json.row = this.row;
    if (this.column !== undefined) json.column = this.column;
    if (this.unit !== undefined) json.unit = this.unit;
    if (this.fix !== undefined) json.fix = this.fix;
    return json;
  }
}

/** The details of any code (what `add` and `makeIssue` hand over, typed by their caller's code). */
type AnyDetails = IssueDetailsByCode[IssueCode];

function buildIssue(code: IssueCode, at: IssueLocation, details?: AnyDetails): Issue {
  const t = issueText(code, details ?? {});
  // one masking for every value a text quotes from a cell (a CCCD pasted into any column)
  const issue = new IssueRecord(code, SEVERITY[code], maskDigitRuns(t.text));
  if (at.sheet !== undefined) issue.sheet = at.sheet;
  if (at.row !== undefined) issue.row = at.row;
  if (at.column !== undefined) issue.column = at.column;
  if (at.unit !== undefined) issue.unit = at.unit;
  if (t.fix) issue.fix = maskDigitRuns(t.fix);
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
