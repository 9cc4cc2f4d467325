/**
 * Reminder plans (docs/rules.md §7): which dates are reminder dates, which units get a message,
 * and the message itself (plain text and HTML with every user value escaped). Sending, queueing
 * and the send log belong to the adapters; the text is made here, once.
 */
import { addDays, dayNumber, formatDateVi, formatPeriodVi, parseYmd, periodPhraseVi, ymd, type DateParts } from './dates';
import { INDICATOR_NAMES, INDICATORS } from './schema';
import { REMINDER, formatNumberVi, formatPercentVi, locationText } from './messages';
import { escapeHtml } from './text';
import type { Issue, IndicatorCode, LaggardReason, ReminderKind, ReminderPlan, ReminderSchedule, Settings, UnitReport } from './types';

/** Error lines listed in one message at most. */
export const MAX_ERROR_LINES = 10;

export interface ReminderDate {
  date: string;
  /** Days before (negative) or after (positive) the deadline. */
  offset: number;
}

export function reminderDates(settings: Settings, deadline: DateParts): ReminderDate[] {
  const out: ReminderDate[] = [];
  for (const d of settings.remindBefore) out.push({ date: ymd(addDays(deadline, -d)), offset: -d });
  for (const d of settings.remindAfter) out.push({ date: ymd(addDays(deadline, d)), offset: d });
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return out.filter((x, i) => i === 0 || out[i - 1].date !== x.date);
}

export function isReminderDate(today: string, settings: Settings, deadline: DateParts): boolean {
  return reminderSchedule(today, settings, deadline).isReminderDate;
}

/**
 * Where `today` (YYYY-MM-DD) stands in the reminder calendar of the period whose report is due on
 * `deadline`: the one home of "is today a reminder date", the date served and the next one.
 * `consolidate` puts it in `Report.reminder`; the hourly schedule asks it from `Cấu hình` alone.
 */
export function reminderSchedule(today: string, settings: Settings, deadline: DateParts): ReminderSchedule {
  const dates = reminderDates(settings, deadline);
  const isToday = dates.some((r) => r.date === today);
  const next = dates.find((r) => r.date > today);
  return { deadline: ymd(deadline), isReminderDate: isToday, dueDate: isToday ? today : null, nextDate: next ? next.date : null };
}

export function reminderKind(reasons: LaggardReason[]): ReminderKind {
  if (reasons.includes('REPORT_MISSING')) return 'QUA_HAN';
  if (reasons.includes('REPORT_DUE_SOON')) return 'TRUOC_HAN';
  if (reasons.includes('DATA_ERRORS') || reasons.includes('REPORT_UNSUPPORTED')) return 'CHAT_LUONG';
  return 'TIEN_DO';
}

export function reminderPriority(u: UnitReport): number {
  let p = 0;
  if (u.reasons.includes('REPORT_MISSING')) p += 1000;
  if (u.reasons.includes('REPORT_DUE_SOON')) p += 500;
  if (u.reasons.includes('REPORT_UNSUPPORTED')) p += 200;
  for (const code of INDICATORS) {
    const v = u.indicators[code];
    if (v && v.status === 'behind') p += 100 - Math.min(100, v.percent ?? 0);
  }
  p += Math.min(100, u.errors);
  return Math.round(p * 100) / 100;
}

export interface ReminderInput {
  period: string; // YYYY-MM or YYYY-Qn
  today: string; // YYYY-MM-DD
  deadline: string; // YYYY-MM-DD
  settings: Settings;
  units: UnitReport[];
  issues: Issue[];
}

/**
 * One message per lagging unit with a focal e-mail, most lagging first. Call it for any date
 * (previews); `consolidate` calls it only when today is a reminder date.
 */
export function planReminders(input: ReminderInput): ReminderPlan[] {
  const errorsByUnit = new Map<string, Issue[]>();
  for (const i of input.issues) {
    if (i.severity !== 'error' || !i.unit) continue;
    let list = errorsByUnit.get(i.unit);
    if (!list) errorsByUnit.set(i.unit, (list = []));
    list.push(i);
  }
  const plans: ReminderPlan[] = [];
  for (const u of input.units) {
    if (!u.laggard || !u.email) continue;
    const kind = reminderKind(u.reasons);
    const body = composeReminder(input, u, kind, errorsByUnit.get(u.code) ?? []);
    plans.push({
      unit: u.code,
      to: u.email,
      kind,
      subject: REMINDER.subject(kind, formatPeriodVi(input.period), u.name),
      reasons: u.reasons.slice(),
      text: body.text,
      html: body.html,
      priority: reminderPriority(u),
    });
  }
  plans.sort((a, b) => b.priority - a.priority || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  return plans;
}

/** The `Bảng tính dùng chung: <link>` paragraph (the URL escaped in the attribute and the text). */
export function sheetLinkHtml(url: string): string {
  const u = escapeHtml(url);
  return `<p>${escapeHtml(REMINDER.sheetLink)} <a href="${u}">${u}</a></p>`;
}

interface Block {
  lines: string[];
  list?: string[];
}

function composeReminder(input: ReminderInput, u: UnitReport, _kind: ReminderKind, errors: Issue[]): { text: string; html: string } {
  const s = input.settings;
  const period = formatPeriodVi(input.period);
  const dl = parseYmd(input.deadline)!;
  const td = parseYmd(input.today)!;
  const deadline = formatDateVi(dl);
  const blocks: Block[] = [];
  const phrase = periodPhraseVi(input.period);
  if (u.reasons.includes('REPORT_MISSING')) blocks.push({ lines: [REMINDER.reportMissing(phrase, deadline)] });
  if (u.reasons.includes('REPORT_DUE_SOON')) blocks.push({ lines: [REMINDER.reportDueSoon(phrase, deadline, dayNumber(dl) - dayNumber(td))] });
  if (u.reasons.includes('BELOW_TRAJECTORY')) {
    const list: string[] = [];
    for (const code of INDICATORS) {
      const v = u.indicators[code as IndicatorCode];
      if (!v || v.status !== 'behind') continue;
      list.push(
        REMINDER.behind(
          INDICATOR_NAMES[code],
          formatPercentVi(v.percent),
          formatNumberVi(v.numerator ?? 0),
          formatNumberVi(v.denominator ?? 0),
          formatPercentVi(v.target, 0),
          formatPercentVi(v.expected),
        ),
      );
    }
    blocks.push({ lines: [REMINDER.behindTitle], list });
  }
  if (u.reasons.includes('REPORT_UNSUPPORTED')) {
    const tol = s.evidenceTolerance;
    const list: string[] = [];
    for (const code of INDICATORS) {
      const v = u.indicators[code];
      if (!v || v.reported === null || v.evidenced === null || v.reported * 100 <= v.evidenced * (100 + tol)) continue;
      list.push(REMINDER.unsupported(INDICATOR_NAMES[code], formatNumberVi(v.reported), formatNumberVi(v.evidenced)));
    }
    blocks.push({ lines: [REMINDER.unsupportedTitle], list });
  }
  if (u.reasons.includes('DATA_ERRORS') && errors.length) {
    const list = errors.slice(0, MAX_ERROR_LINES).map((i) => REMINDER.errorLine(locationText(i.sheet, i.row, i.column), i.text));
    if (errors.length > MAX_ERROR_LINES) list.push(REMINDER.moreErrors(errors.length - MAX_ERROR_LINES));
    blocks.push({ lines: [REMINDER.errors(errors.length)], list });
  }

  const head = [REMINDER.greeting(u.contactName ?? '', u.name), '', REMINDER.intro(s.departmentName, period, formatDateVi(td))];
  const signature = REMINDER.signature(s.departmentName, s.contactName, s.contactEmail, s.contactPhone);
  const link = s.sheetUrl ? [`${REMINDER.sheetLink} ${s.sheetUrl}`] : [];
  const tail = [REMINDER.action, ...link, '', REMINDER.closing, '', signature, '', REMINDER.automatic];

  const text: string[] = [...head, ''];
  blocks.forEach((b, i) => {
    b.lines.forEach((l, j) => text.push(j === 0 ? `${i + 1}. ${l}` : l));
    for (const item of b.list ?? []) text.push(`   - ${item}`);
    text.push('');
  });
  text.push(...tail);

  const e = escapeHtml;
  const html: string[] = ['<div style="font-family:Arial,sans-serif;font-size:14px;line-height:1.5">'];
  html.push(`<p><b>${e(head[0])}</b></p>`, `<p>${e(head[2])}</p>`, '<ol>');
  for (const b of blocks) {
    html.push(`<li>${b.lines.map(e).join('<br>')}`);
    if (b.list && b.list.length) html.push('<ul>' + b.list.map((x) => `<li>${e(x)}</li>`).join('') + '</ul>');
    html.push('</li>');
  }
  html.push('</ol>', `<p>${e(REMINDER.action)}</p>`);
  if (s.sheetUrl) html.push(sheetLinkHtml(s.sheetUrl));
  html.push(`<p>${e(REMINDER.closing)}</p>`);
  html.push(`<p>${e(signature).replace(/\n/g, '<br>')}</p>`);
  html.push(`<p style="color:#666;font-size:12px">${e(REMINDER.automatic)}</p></div>`);
  return { text: text.join('\n'), html: html.join('\n') };
}
