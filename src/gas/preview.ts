/**
 * "Xem trước thư nhắc": the reminders the core plans for today — who would get what — shown in a
 * dialog, without sending anything. On a day that is not a reminder date, the preview shows what
 * would go out if reminders were sent today, and the next reminder date.
 */
import { planReminders, reminderDates, type ReminderPlan, type Report } from '../core';
import { formatDateVi, parseYmd } from '../core/dates';
import { GAS, REASON_LABEL, REMINDER_KIND_LABEL } from '../core/messages';
import { escapeHtml } from '../core/text';

export interface ReminderPreview {
  today: string;
  isReminderDate: boolean;
  nextDate: string | null;
  plans: ReminderPlan[];
}

export function reminderPreview(report: Report): ReminderPreview {
  const deadline = parseYmd(report.deadline)!;
  const dates = reminderDates(report.settings, deadline);
  const isReminderDate = dates.some((d) => d.date === report.today);
  const next = dates.find((d) => d.date > report.today);
  const plans = isReminderDate ? report.reminders : planReminders(report);
  return { today: report.today, isReminderDate, nextDate: next ? next.date : null, plans };
}

const vi = (ymdText: string) => formatDateVi(parseYmd(ymdText)!);

export function previewHtml(p: ReminderPreview, dryRun: boolean): string {
  const e = escapeHtml;
  const P = GAS.preview;
  const intro: string[] = [];
  intro.push(p.isReminderDate ? P.reminderDay(vi(p.today)) : P.notReminderDay(vi(p.today), p.nextDate ? vi(p.nextDate) : null));
  intro.push(P.count(p.plans.length));
  if (dryRun) intro.push(P.dryRun);
  const rows = p.plans
    .map(
      (m, i) =>
        `<tr><td>${i + 1}</td><td>${e(m.unit)}</td><td>${e(m.to)}</td><td>${e(REMINDER_KIND_LABEL[m.kind])}</td><td>${e(
          m.reasons.map((r) => REASON_LABEL[r]).join('; '),
        )}</td></tr>`,
    )
    .join('');
  const bodies = p.plans
    .map((m) => `<details><summary>${e(m.unit)} – ${e(m.subject)}</summary><div class="mail">${m.html}</div></details>`)
    .join('');
  return `<!DOCTYPE html><html><head><base target="_top"><meta charset="utf-8"><style>
body{font-family:Arial,sans-serif;font-size:13px;margin:8px}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:4px;text-align:left;vertical-align:top}th{background:#cfe2f3}
details{margin:6px 0}.mail{border:1px solid #ddd;padding:8px;background:#fafafa}
</style></head><body>
${intro.map((t) => `<p>${e(t)}</p>`).join('')}
${p.plans.length ? `<table><tr>${P.headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr>${rows}</table><h3>${e(P.bodies)}</h3>${bodies}` : `<p>${e(P.none)}</p>`}
</body></html>`;
}
