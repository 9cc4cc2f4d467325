/**
 * Collecting issues: one place that turns (code, location, details) into the contract's Issue
 * with its severity, its Vietnamese message (location + why) and its fix.
 */
import { maskDigitRuns } from './cccd';
import { SEVERITY, issueText, locationText, type IssueDetails } from './messages';
import type { Issue, IssueCode } from './types';

export interface IssueLocation {
  sheet?: string;
  row?: number;
  column?: string;
  unit?: string;
}

export interface IssueSink {
  add(code: IssueCode, at: IssueLocation, details?: IssueDetails): Issue;
  readonly list: Issue[];
}

export function makeIssue(code: IssueCode, at: IssueLocation, details: IssueDetails = {}): Issue {
  const t = issueText(code, details);
  const where = locationText(at.sheet, at.row, at.column);
  const issue: Issue = {
    code,
    severity: SEVERITY[code],
    // one masking for every value a message quotes from a cell (a CCCD pasted into any column)
    message: maskDigitRuns(where ? `${where}: ${t.text}` : t.text),
  };
  if (at.sheet !== undefined) issue.sheet = at.sheet;
  if (at.row !== undefined) issue.row = at.row;
  if (at.column !== undefined) issue.column = at.column;
  if (at.unit !== undefined) issue.unit = at.unit;
  if (t.fix) issue.fix = maskDigitRuns(t.fix);
  return issue;
}

/** The message without its location (for the status column next to the row). */
export function withoutLocation(issue: Issue): string {
  const where = locationText(issue.sheet, issue.row, issue.column);
  return where && issue.message.startsWith(where + ': ') ? issue.message.slice(where.length + 2) : issue.message;
}

export function createIssueSink(): IssueSink {
  const list: Issue[] = [];
  return {
    list,
    add(code, at, details) {
      const issue = makeIssue(code, at, details);
      list.push(issue);
      return issue;
    },
  };
}
