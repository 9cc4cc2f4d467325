/**
 * Idempotency keys: one reminder per unit per reminder date of a period (`NHAC|2026-11|2026-11-20|SO01`),
 * one digest per ISO week (`TONGHOP|2026-W47`).
 */
import { parseYmd } from '../dates';

const REMINDER_PREFIX = 'NHAC';
const DIGEST_PREFIX = 'TONGHOP';

/** One message per unit per reminder date of a period (month 2026-11 or quarter 2026-Q4: distinct keys). */
export function reminderKey(period: string, date: string, unit: string): string {
  return `${REMINDER_PREFIX}|${period}|${date}|${unit}`;
}

/** One digest per ISO week (`2026-W45`). */
export function digestKey(week: string): string {
  return `${DIGEST_PREFIX}|${week}`;
}

export type ParsedKey = { type: 'reminder'; period: string; date: string; unit: string } | { type: 'digest'; week: string };

export function parseKey(key: string): ParsedKey | null {
  const parts = key.trim().split('|');
  if (parts[0] === REMINDER_PREFIX && parts.length >= 4 && /^\d{4}-(?:\d{2}|Q[1-4])$/.test(parts[1]) && parseYmd(parts[2]))
    return { type: 'reminder', period: parts[1], date: parts[2], unit: parts.slice(3).join('|') };
  if (parts[0] === DIGEST_PREFIX && parts.length === 2 && /^\d{4}-W\d{2}$/.test(parts[1])) return { type: 'digest', week: parts[1] };
  return null;
}
