/**
 * The machine-readable report of DESIGN.md's contract (`tong-hop.json`): the report without the
 * adapter-only parts (table positions, e-mail bodies). CCCDs in it are masked already.
 */
import type { Report } from './types';

export const REPORT_FORMAT_VERSION = 1;

export function reportJson(report: Report): unknown {
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    generatedBy: report.generatedBy,
    period: report.period,
    today: report.today,
    deadline: report.deadline,
    settings: {
      departmentName: report.settings.departmentName,
      deadlineDay: report.settings.deadlineDay,
      remindBefore: report.settings.remindBefore,
      remindAfter: report.settings.remindAfter,
      dryRun: report.settings.dryRun,
      evidenceTolerance: report.settings.evidenceTolerance,
      targets: report.settings.targets,
    },
    units: report.units,
    province: report.province,
    issues: report.issues,
    duplicates: report.duplicates,
    reminders: report.reminders.map((r) => ({ unit: r.unit, to: r.to, kind: r.kind, subject: r.subject, reasons: r.reasons, priority: r.priority })),
  };
}
