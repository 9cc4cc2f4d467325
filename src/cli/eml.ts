/**
 * Reminder plans as RFC 5322 .eml files (UTF-8 subject and body, plain text + HTML), composed by
 * nodemailer's MailComposer, which encodes and folds headers and uses CRLF line ends.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import type { ReminderPlan, Settings } from '../core';

export interface EmlOptions {
  settings: Settings;
  /** Date header: the run's date (a fixed instant keeps outputs reproducible). */
  date: Date;
}

export function fromAddress(settings: Settings): { name: string; address: string } {
  return { name: settings.departmentName, address: settings.contactEmail || 'bdhvs-tong-hop@localhost' };
}

export async function composeEml(plan: ReminderPlan, opts: EmlOptions): Promise<Buffer> {
  const mail = new MailComposer({
    from: fromAddress(opts.settings),
    to: plan.to,
    replyTo: opts.settings.contactEmail || undefined,
    subject: plan.subject,
    text: plan.text,
    html: plan.html,
    date: opts.date,
    headers: { 'X-BDHVS-Unit': plan.unit, 'X-BDHVS-Kind': plan.kind },
    newline: '\r\n',
  } as ConstructorParameters<typeof MailComposer>[0]);
  return mail.compile().build();
}

/** A safe file name for a unit's reminder. */
export function emlFileName(plan: ReminderPlan): string {
  // a safe, bounded form of the unit code: ASCII letters, digits, '-', '_' (no dots: no '..'),
  // at most 40 characters, never empty
  const code =
    plan.unit
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .replace(/^[_-]+|[_-]+$/g, '')
      .slice(0, 40) || 'don-vi';
  return `${code}-${plan.kind.toLowerCase().replace(/_/g, '-')}.eml`;
}

/**
 * File names of the messages of a run, by unit code: emlFileName, with -2, -3… where two units'
 * safe forms meet. Computed over all the run's reminders, so a subset gets the same names.
 */
export function emlFileNames(plans: ReminderPlan[]): Map<string, string> {
  const seen = new Set<string>();
  const out = new Map<string, string>();
  for (const p of plans) {
    const name = emlFileName(p);
    let candidate = name;
    for (let k = 2; seen.has(candidate.toLowerCase()); k++) candidate = name.replace(/\.eml$/, `-${k}.eml`);
    seen.add(candidate.toLowerCase());
    out.set(p.unit, candidate);
  }
  return out;
}
