/** The weekly digest message. */
import { composeDigest, digestMailStats } from '../../src/core/digest';
import { MAIL, REASON_LABEL } from '../../src/core/messages';
import { digestKey, reminderKey, STATUS_LABEL, type LogEntry } from '../../src/core/sendlog';
import type { Cell } from '../../src/core/types';
import { DEFAULT_UNITS, learner, REPORT_HEADER, run, vnDate } from '../helpers/workbook';

const NOW = new Date('2026-11-23T01:00:00Z'); // Monday 23/11/2026 08:00 in Vietnam
const SINCE = new Date(NOW.getTime() - 7 * 86400e3);
const PERIOD = '2026-11';

function entry(unit: string, status: LogEntry['status'], hoursAgo: number, over: Partial<LogEntry> = {}): LogEntry {
  return {
    row: 1,
    time: new Date(NOW.getTime() - hoursAgo * 3600e3),
    period: PERIOD,
    date: '2026-11-20',
    unit,
    to: `${unit.toLowerCase()}@example.gov.vn`,
    kind: 'TRUOC_HAN',
    status,
    detail: `chi tiết ${unit}`,
    key: reminderKey(PERIOD, '2026-11-20', unit),
    ...over,
  };
}

describe('weekly digest', () => {
  const units = [...DEFAULT_UNITS, { code: 'XA<2>', name: 'UBND xã <b>Hải</b> & "Tiến"', type: 'UBND xã/phường', adults: 500 }];
  const reports: Cell[][] = [REPORT_HEADER, ['11/2026', 'SO01', '', 90, '', '', '', '', '', vnDate(2026, 11, 10)]];
  const report = run(
    {
      units,
      reports,
      learners: [learner(), learner({ cccd: '038085999999', unit: 'Sở Tài chính' }), learner({ cccd: '038085999999' })],
      config: [['Email nhận bản tổng hợp', 'lanhdao@example.gov.vn']],
    },
    '2026-11-23',
  );
  const log: LogEntry[] = [
    entry('SO02', 'sent', 70),
    entry('XA001', 'queued', 70),
    entry('XA001', 'sent', 40, { detail: 'gửi lại' }),
    entry('TR01', 'failed', 30, { detail: 'Lỗi tạm thời 038085999999' }),
    entry('TR02', 'invalid', 30, { to: 'tr02@@x' }),
    entry('XA002', 'uncertain', 20),
    entry('XA003', 'queued', 10),
    entry('OLD', 'sent', 24 * 10), // before the window
    {
      row: 9,
      time: new Date(NOW.getTime() - 5 * 3600e3),
      period: '',
      date: '',
      unit: '',
      to: '',
      kind: 'RUN',
      status: 'run_error',
      detail: 'Lượt chạy lỗi X',
      key: '',
    },
    { ...entry('', 'sent', 24 * 7 + 1), kind: 'DIGEST', key: digestKey('2026-W47') },
  ];

  it('counts the week by key: sent, waiting, failed, invalid, uncertain', () => {
    const s = digestMailStats(log, SINCE, NOW, false);
    expect(s.byStatus).toEqual({ sent: 2, failed: 1, invalid: 1, uncertain: 1, queued: 1 });
    expect(s.failedAttempts).toBe(1);
    expect(s.outstanding).toBe(2);
    expect(s.problems.map((e) => [e.unit, e.status])).toEqual([
      ['TR01', 'failed'],
      ['TR02', 'invalid'],
      ['XA002', 'uncertain'],
    ]);
    expect(s.runErrors).toHaveLength(1);
  });

  const msg = composeDigest({ report, log, since: SINCE, now: NOW, week: 48, year: 2026 });

  it('subject, indicators, completeness, laggards with reasons, mail of the week', () => {
    expect(msg.subject).toBe('[Bình dân học vụ số] Bản tổng hợp tuần 48/2026 – Sở Khoa học và Công nghệ');
    expect(msg.text).toContain('CB, CC, VC, NLĐ được bồi dưỡng kỹ năng số: ');
    expect(msg.text).toContain('Toàn tỉnh: 1/4 đơn vị đã báo cáo');
    expect(msg.text).toContain(MAIL.digest.laggardsTitle(report.province.laggards));
    const lagging = report.units.filter((u) => u.laggard);
    expect(lagging.length).toBeGreaterThan(1);
    for (const u of lagging) expect(msg.text).toContain(`${u.code} – ${u.name}: ${u.reasons.map((r) => REASON_LABEL[r]).join('; ')}`);
    expect(msg.text).toContain(MAIL.digest.mailCount(STATUS_LABEL.sent, 2));
    expect(msg.text).toContain(MAIL.digest.mailCount(STATUS_LABEL.uncertain, 1));
    expect(msg.text).toContain(MAIL.digest.outstanding(2));
    expect(msg.text).toContain('XA002 (xa002@example.gov.vn): Không rõ đã gửi chưa');
    expect(msg.text).toContain('tr02@@x');
    expect(msg.text).toContain('Lượt chạy lỗi X');
    expect(msg.text).not.toContain('OLD');
  });

  it('shows how much of each province figure has evidence, and the unsupported report as a reason', () => {
    const cb = report.province.indicators.CBCCVC!;
    expect(cb.reported).toBe(90);
    expect(msg.text).toContain(MAIL.digest.evidenceSuffix(String(cb.evidenced), '1,0%'));
    expect(report.units.find((u) => u.code === 'SO01')!.reasons).toContain('REPORT_UNSUPPORTED');
    expect(msg.text.split('\n').find((l) => l.includes('SO01 – Sở Tài chính:'))).toContain(REASON_LABEL.REPORT_UNSUPPORTED);
  });

  it('escapes every user value in the HTML', () => {
    expect(msg.html).toContain('UBND xã &lt;b&gt;Hải&lt;/b&gt; &amp; &quot;Tiến&quot;');
    expect(msg.html).toContain('XA&lt;2&gt;');
    expect(msg.html).not.toContain('<b>Hải</b>');
  });

  it('no full CCCD anywhere', () => {
    for (const part of [msg.subject, msg.text, msg.html]) expect(part).not.toMatch(/\d{12}/);
    expect(msg.text).toContain('038*******99');
  });

  it('a quiet week says so', () => {
    const quiet = composeDigest({ report, log: [], since: SINCE, now: NOW, week: 48, year: 2026 });
    expect(quiet.text).toContain(MAIL.digest.noMail);
    expect(quiet.text).not.toContain(MAIL.digest.problemsTitle);
  });
});
