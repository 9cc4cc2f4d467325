/**
 * The weekly digest to the department's leadership (`Email nhận bản tổng hợp`): province
 * indicators, reporting completeness, the lagging units with their reasons, and what the reminder
 * machinery did since the last digest (sent, waiting, failed, invalid, uncertain) with the rows
 * that need a person's attention. Plain text and HTML (every user value escaped). No CCCD: the
 * report holds none outside masked issue texts, and log details are scrubbed again here.
 */
import { formatDateVi, formatPeriodVi, parseYmd } from './dates';
import { INDICATOR_STATUS_LABEL, MAIL, REASON_LABEL, REMINDER, SUMMARY, formatNumberVi, formatPercentVi } from './messages';
import { reminderPriority, sheetLinkHtml } from './reminders';
import { INDICATORS, INDICATOR_NAMES, INDICATOR_SHORT, UNIT_TYPE_LABELS } from './schema';
import { STATUS_LABEL, formatTimeVi, isOutstanding, keyStates, scrubIds, type LogEntry, type LogStatus } from './sendlog';
import { escapeHtml } from './text';
import type { Completeness, IndicatorValue, Report } from './types';

/** Lagging units listed at most (the rest: "… và N đơn vị khác"). */
export const DIGEST_MAX_LAGGARDS = 30;
/** Problem rows listed at most. */
export const DIGEST_MAX_PROBLEMS = 30;
/** Units whose rate fell since the last close listed at most. */
export const DIGEST_MAX_FALLS = 30;

/**
 * The change of a rate since the last close in tenths of a point, from the two rates rounded as the
 * digest shows them (one decimal); null without both.
 */
function tenthsSince(v: IndicatorValue | undefined): number | null {
  if (!v || v.percent === null || v.previousClosed === null || v.previousClosed === undefined) return null;
  return Math.round(v.percent * 10) - Math.round(v.previousClosed * 10);
}

/** “+2,5”, “-1,0”, “0,0”: points with one decimal and a sign. */
function signedPoints(tenths: number): string {
  return (tenths > 0 ? '+' : '') + formatNumberVi(tenths / 10, 1);
}

export interface DigestInput {
  report: Report;
  /** The whole send log as it stands (this run's rows included). */
  log: LogEntry[];
  /** Window of the mail section: since the last digest (digestSince) until now. */
  since: Date;
  now: Date;
  /** ISO week number and its year (digestDue). */
  week: number;
  year: number;
}

export interface DigestMessage {
  subject: string;
  text: string;
  html: string;
}

/** Counts of the mail section (exported for tests and the CLI). */
export interface DigestMailStats {
  /** Reminder keys touched in the window, by their current state. */
  byStatus: Partial<Record<LogStatus, number>>;
  /** Failed attempts (rows) in the window, including those sent later. */
  failedAttempts: number;
  /** Keys still waiting (queued or failed, retryable), whatever their date. */
  outstanding: number;
  /** Keys touched in the window that need a look: invalid, uncertain, abandoned, failed. */
  problems: LogEntry[];
  runErrors: LogEntry[];
}

const PROBLEM: LogStatus[] = ['invalid', 'uncertain', 'abandoned', 'failed'];
const SHOWN: LogStatus[] = ['sent', 'queued', 'failed', 'abandoned', 'invalid', 'uncertain', 'cancelled', 'dry_run'];

export function digestMailStats(log: LogEntry[], since: Date, now: Date, dryRun: boolean): DigestMailStats {
  const from = since.getTime();
  const to = now.getTime();
  const inWindow = (e: LogEntry) => e.time !== null && e.time.getTime() >= from && e.time.getTime() <= to;
  const states = keyStates(log, dryRun);
  const touched = new Set<string>();
  let failedAttempts = 0;
  const runErrors: LogEntry[] = [];
  for (const e of log) {
    if (!inWindow(e)) continue;
    if (e.status === 'run_error') runErrors.push(e);
    if (!e.key || e.kind === 'DIGEST' || e.kind === 'RUN') continue;
    touched.add(e.key);
    if (e.status === 'failed' || e.status === 'abandoned') failedAttempts++;
  }
  const byStatus: Partial<Record<LogStatus, number>> = {};
  const problems: LogEntry[] = [];
  for (const key of touched) {
    const s = states.get(key);
    if (!s) continue;
    const status: LogStatus = s.status === 'pending' ? 'uncertain' : s.status;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (PROBLEM.includes(status)) problems.push({ ...s.last, status });
  }
  let outstanding = 0;
  for (const s of states.values()) if (s.last.kind !== 'DIGEST' && isOutstanding(s)) outstanding++;
  problems.sort((a, b) => (a.time?.getTime() ?? 0) - (b.time?.getTime() ?? 0));
  return { byStatus, failedAttempts, outstanding, problems, runErrors };
}

interface Section {
  title: string;
  lines: string[];
}

export function composeDigest(input: DigestInput): DigestMessage {
  const { report } = input;
  const s = report.settings;
  const D = MAIL.digest;
  const vi = (ymdText: string) => formatDateVi(parseYmd(ymdText)!);
  const sections: Section[] = [];
  // the last period closed before this one, when the report has one (the trends compare with it)
  const since = report.previousClose ? formatPeriodVi(report.previousClose.period) : null;

  // 1. Province indicators
  const ind: string[] = [];
  for (const code of INDICATORS) {
    const v = report.province.indicators[code];
    if (!v || v.denominator === null || v.denominator === 0) continue;
    ind.push(
      D.indicatorLine(
        INDICATOR_NAMES[code],
        formatPercentVi(v.percent),
        formatNumberVi(v.numerator ?? 0),
        formatNumberVi(v.denominator),
        v.target === null ? SUMMARY.noTarget : formatPercentVi(v.target, 0),
        INDICATOR_STATUS_LABEL[v.status],
      ) +
        (v.evidenced !== null ? D.evidenceSuffix(formatNumberVi(v.evidenced), formatPercentVi(v.evidencedPercent ?? null)) : '') +
        (since !== null && tenthsSince(v) !== null ? D.trendSuffix(since, signedPoints(tenthsSince(v) ?? 0)) : ''),
    );
  }
  sections.push({ title: D.indicatorsTitle, lines: ind.length ? ind : [D.noIndicators] });

  // 1b. With an earlier closed period (history): the units whose rate fell since, largest fall first
  if (since !== null) {
    const falls = report.units
      .map((u) => {
        const items = INDICATORS.flatMap((code) => {
          const v = u.indicators[code];
          const t = tenthsSince(v);
          return v && t !== null && t < 0 ? [{ code, v, t }] : [];
        });
        return { u, items, worst: Math.min(0, ...items.map((i) => i.t)) };
      })
      .filter((f) => f.items.length > 0)
      .sort((a, b) => a.worst - b.worst || (a.u.code < b.u.code ? -1 : a.u.code > b.u.code ? 1 : 0));
    const lines = falls.slice(0, DIGEST_MAX_FALLS).map((f) =>
      D.fallLine(
        f.u.code,
        f.u.name,
        f.items.map((i) => D.fallItem(INDICATOR_SHORT[i.code], formatPercentVi(i.v.previousClosed ?? null), formatPercentVi(i.v.percent), signedPoints(i.t))),
      ),
    );
    if (falls.length > DIGEST_MAX_FALLS) lines.push(D.moreFalls(falls.length - DIGEST_MAX_FALLS));
    sections.push({ title: D.fallsTitle(since, falls.length), lines: lines.length ? lines : [D.noFalls] });
  }

  // 2. Reporting completeness
  const line = (scope: string, c: Completeness) =>
    D.completenessLine(scope, c.submitted, c.expected, formatPercentVi(c.rate), c.onTime, formatPercentVi(c.onTimeRate));
  sections.push({
    title: D.completenessTitle,
    lines: [line(SUMMARY.province, report.province.completeness), ...report.province.byType.map((t) => line(UNIT_TYPE_LABELS[t.type], t.completeness))],
  });

  // 3. Laggards, most lagging first
  const laggards = report.units
    .filter((u) => u.laggard)
    .map((u) => ({ u, p: reminderPriority(u) }))
    .sort((a, b) => b.p - a.p || (a.u.code < b.u.code ? -1 : a.u.code > b.u.code ? 1 : 0));
  const lag = laggards
    .slice(0, DIGEST_MAX_LAGGARDS)
    .map(({ u }) => D.laggardLine(u.code, u.name, u.reasons.map((r) => REASON_LABEL[r]).join('; ')) + (u.email ? '' : D.noEmail));
  if (laggards.length > DIGEST_MAX_LAGGARDS) lag.push(D.moreLaggards(laggards.length - DIGEST_MAX_LAGGARDS));
  sections.push({ title: D.laggardsTitle(laggards.length), lines: lag.length ? lag : [D.noLaggards] });

  // 4. Reminders since the last digest
  const stats = digestMailStats(input.log, input.since, input.now, s.dryRun);
  const counts = SHOWN.filter((st) => (stats.byStatus[st] ?? 0) > 0).map((st) => D.mailCount(STATUS_LABEL[st], stats.byStatus[st]!));
  const mail: string[] = counts.length ? counts : [D.noMail];
  if (stats.failedAttempts > 0) mail.push(D.mailCount(MAIL.status.failed, stats.failedAttempts));
  if (stats.outstanding > 0) mail.push(D.outstanding(stats.outstanding));
  sections.push({ title: D.mailTitle(formatTimeVi(input.since), formatTimeVi(input.now)), lines: mail });

  if (stats.problems.length) {
    const list = stats.problems
      .slice(0, DIGEST_MAX_PROBLEMS)
      .map((e) => D.problemLine(e.time ? formatTimeVi(e.time) : '', e.unit, e.to, STATUS_LABEL[e.status], e.detail));
    if (stats.problems.length > DIGEST_MAX_PROBLEMS) list.push(D.moreProblems(stats.problems.length - DIGEST_MAX_PROBLEMS));
    sections.push({ title: D.problemsTitle, lines: list });
  }
  if (stats.runErrors.length) {
    const list = stats.runErrors.slice(-DIGEST_MAX_PROBLEMS).map((e) => D.runErrorLine(e.time ? formatTimeVi(e.time) : '', e.detail));
    sections.push({ title: D.runErrorsTitle, lines: list });
  }

  const subject = D.subject(input.week, input.year, s.departmentName);
  const greeting = D.greeting(s.departmentName);
  const intro = D.intro(vi(report.today), formatPeriodVi(report.period), vi(report.deadline));

  const text: string[] = [greeting, '', intro, ''];
  sections.forEach((sec, i) => {
    text.push(`${i + 1}. ${sec.title}`);
    for (const l of sec.lines) text.push(`   - ${l}`);
    text.push('');
  });
  // The tail comes from `Cấu hình` (no learner data): kept out of scrubIds, which would mask a
  // 9- or 12-digit run of the link or the phone.
  const signature = REMINDER.signature(s.departmentName, s.contactName, s.contactEmail, s.contactPhone);
  const tail: string[] = [];
  if (s.sheetUrl) tail.push(`${REMINDER.sheetLink} ${s.sheetUrl}`, '');
  tail.push(D.closing, '', signature, '', D.footer);

  const e = escapeHtml;
  const html: string[] = ['<div style="font-family:Arial,sans-serif;font-size:14px;line-height:1.5">'];
  html.push(`<p><b>${e(greeting)}</b></p>`, `<p>${e(intro)}</p>`, '<ol>');
  for (const sec of sections) html.push(`<li><b>${e(sec.title)}</b><ul>${sec.lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul></li>`);
  html.push('</ol>');
  const htmlTail: string[] = [];
  if (s.sheetUrl) htmlTail.push(sheetLinkHtml(s.sheetUrl));
  htmlTail.push(`<p>${e(D.closing)}</p>`, `<p>${e(signature).replace(/\n/g, '<br>')}</p>`);
  htmlTail.push(`<p style="color:#666;font-size:12px">${e(D.footer)}</p></div>`);

  return {
    subject: scrubIds(subject),
    text: scrubIds(text.join('\n')) + '\n' + tail.join('\n'),
    html: scrubIds(html.join('\n')) + '\n' + htmlTail.join('\n'),
  };
}
