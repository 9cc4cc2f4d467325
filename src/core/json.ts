/**
 * The machine-readable report of DESIGN.md's contract (`tong-hop.json`): the report without the
 * adapter-only parts (table positions, e-mail bodies). CCCDs in it are masked already.
 */
import type { Report } from './types';

/**
 * 2: evidence, fair trajectory, courses (docs/report-format.md); every version-1 field keeps its
 * name and meaning.
 */
export const REPORT_FORMAT_VERSION = 2;

export function reportJson(report: Report): unknown {
  const json = {
    formatVersion: REPORT_FORMAT_VERSION,
    generatedBy: report.generatedBy,
    period: report.period,
    today: report.today,
    deadline: report.deadline,
    settings: {
      departmentName: report.settings.departmentName,
      deadlineDay: report.settings.deadlineDay,
      cycle: report.settings.cycle,
      quarterDeadlineDay: report.settings.quarterDeadlineDay,
      oneOffDeadline: report.settings.oneOffDeadline,
      remindBefore: report.settings.remindBefore,
      remindAfter: report.settings.remindAfter,
      dryRun: report.settings.dryRun,
      evidenceTolerance: report.settings.evidenceTolerance,
      progressTolerance: report.settings.progressTolerance,
      jumpThreshold: report.settings.jumpThreshold,
      targets: report.settings.targets,
    },
    units: report.units,
    province: report.province,
    issues: report.issues,
    duplicates: report.duplicates,
    reminders: report.reminders.map((r) => ({ unit: r.unit, to: r.to, kind: r.kind, subject: r.subject, reasons: r.reasons, priority: r.priority })),
  };
  // a closed period and the close trends compare with (docs/month-close.md): present only then, so other reports are unchanged
  return {
    ...json,
    ...(report.closed ? { closed: report.closed } : {}),
    ...(report.previousClose ? { previousClose: report.previousClose } : {}),
  };
}
