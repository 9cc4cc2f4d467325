/**
 * "Xem trước thư nhắc": the reminders the core plans for today — who would get what — shown in a
 * dialog, without sending anything. On a day that is not a reminder date, the preview shows what
 * would go out if reminders were sent today, and the next reminder date.
 */
import {
  type ReminderPlan,
  type Report,
  formatDateVi,
  parseYmd,
  GAS,
  REASON_LABEL,
  REMINDER_KIND_LABEL,
  escapeHtml,
  STATUS_LABEL,
  type Decision,
} from '../core';

export interface ReminderPreview {
  today: string;
  isReminderDate: boolean;
  nextDate: string | null;
  plans: ReminderPlan[];
  /** By unit code: what the next send would do with its reminder (Vietnamese), from the send log. */
  states: Record<string, string>;
  /** Reminders the send log already accounts for today (sent, dry run, invalid…). */
  logged: number;
}

/**
 * `decision`: what a send would do now with the send log as it is (mailPreview), on a reminder
 * date; null on other days (nothing is due, the plans show what a send today would say).
 */
export function reminderPreview(report: Report, decision: Decision | null): ReminderPreview {
  const { isReminderDate: isToday, nextDate, plans } = report.reminder;
  const states: Record<string, string> = {};
  let logged = 0;
  if (decision) {
    for (const o of decision.send) states[o.plan.unit] = GAS.preview.willSend;
    for (const o of [...decision.queue, ...decision.waiting]) states[o.plan.unit] = STATUS_LABEL.queued;
    for (const o of decision.invalid) states[o.plan.unit] = STATUS_LABEL.invalid;
    for (const o of decision.dryRun) states[o.plan.unit] = STATUS_LABEL.dry_run;
    for (const d of decision.done) {
      if (states[d.unit] !== undefined) continue;
      states[d.unit] = STATUS_LABEL[d.status];
      if (plans.some((p) => p.unit === d.unit)) logged++;
    }
  }
  return { today: report.today, isReminderDate: isToday, nextDate, plans, states, logged };
}

const vi = (ymdText: string) => formatDateVi(parseYmd(ymdText)!);

export function previewHtml(p: ReminderPreview, dryRun: boolean): string {
  const e = escapeHtml;
  const P = GAS.preview;
  const intro: string[] = [];
  intro.push(p.isReminderDate ? P.reminderDay(vi(p.today)) : P.notReminderDay(vi(p.today), p.nextDate ? vi(p.nextDate) : null));
  intro.push(P.count(p.plans.length, p.logged));
  if (dryRun) intro.push(P.dryRun);
  const rows = p.plans
    .map(
      (m, i) =>
        `<tr><td>${i + 1}</td><td>${e(m.unit)}</td><td>${e(m.to)}</td><td>${e(REMINDER_KIND_LABEL[m.kind])}</td><td>${e(
          m.reasons.map((r) => REASON_LABEL[r]).join('; '),
        )}</td><td>${e(p.states[m.unit] ?? (p.isReminderDate ? P.willSend : '–'))}</td></tr>`,
    )
    .join('');
  const bodies = p.plans.map((m) => `<details><summary>${e(m.unit)} – ${e(m.subject)}</summary><div class="mail">${m.html}</div></details>`).join('');
  return `<!DOCTYPE html><html><head><base target="_top"><meta charset="utf-8"><style>
body{font-family:Arial,sans-serif;font-size:13px;margin:8px}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:4px;text-align:left;vertical-align:top}th{background:#cfe2f3}
details{margin:6px 0}.mail{border:1px solid #ddd;padding:8px;background:#fafafa}
</style></head><body>
${intro.map((t) => `<p>${e(t)}</p>`).join('')}
${p.plans.length ? `<table><tr>${P.headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr>${rows}</table><h3>${e(P.bodies)}</h3>${bodies}` : `<p>${e(P.none)}</p>`}
</body></html>`;
}
