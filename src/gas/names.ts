/**
 * Names the adapter owns: temporary output sheets, document-property and cache keys, the entry
 * point of the continuation trigger. One place, so a rename cannot leave a stale key behind.
 */
import { GAS } from '../core';

/** Temporary sheets a run writes into before the swap (`Tổng hợp` → `Tổng hợp (đang ghi)`). */
export function tempSheetName(output: string): string {
  return `${output} ${GAS.tempSuffix}`;
}

/** Old output renamed aside during the swap. */
export function retiredSheetName(output: string): string {
  return `${output} ${GAS.retiredSuffix}`;
}

export function isTempSheetName(name: string): boolean {
  return name.endsWith(` ${GAS.tempSuffix}`) || name.endsWith(` ${GAS.retiredSuffix}`);
}

/** Document properties. */
export const PROP = {
  checkpoint: 'bdhvs.checkpoint',
  lastRun: 'bdhvs.lastRun',
  cccdFix: 'bdhvs.cccdFix',
  /** The last move of rows from `Học viên` into unit tabs (src/gas/moverows.ts); per tab: `<key>:<sheetId>`. */
  moveRows: 'bdhvs.moveRows',
  /** Prefix: conditional formatting installed on a sheet (value: the status column letter). */
  statusRules: 'bdhvs.statusRules.',
} as const;

/** Document cache keys (CacheService, 6 hours at most). */
export const CACHE = {
  registry: 'bdhvs.registry',
  indexMeta: 'bdhvs.cccdIndex.meta',
  indexBucket: (generation: string, bucket: number) => `bdhvs.cccdIndex.${generation}.${bucket}`,
} as const;

/** Global function run by the one-off continuation trigger. */
export const CONTINUE_HANDLER = 'continueRun';
