/**
 * "Kiểm tra chia sẻ tệp" (issue 13 §3) in the emulator: editors outside the registry and the staff,
 * link sharing through the advanced Drive service in the build variant that enables it, and a
 * clear "not checked" without it. Nothing is changed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GAS, SHEET, checkSharing } from '../../src/core';
import { MENU } from '../../src/gas/menu';
import { sharingReport } from '../../src/gas/sharing';
import type { Cell } from '../../src/core';
import { gasEnv, manifestScopes, resetGlobals, type TestEnv } from './helpers';
import { UNIT_HEADER, USERS, registryRow, registryWorkbook, threeUnits } from './province';
import type { DrivePermissionSeed } from '../emulator/drive';

afterEach(() => {
  resetGlobals();
});

const { OWNER, STAFF, A1, B, C: NEW_FOCAL } = USERS;
const OUTSIDER = 'Khach.La@Example.com';

/** The sharing variant's scopes: the bound manifest's plus appsscript-sharing.json's. */
function sharingScopes(): string[] {
  const extra = JSON.parse(readFileSync(join(__dirname, '..', '..', 'appsscript-sharing.json'), 'utf8')) as { oauthScopes: string[] };
  return [...manifestScopes('bound'), ...extra.oauthScopes];
}

const unitRow = (code: string, name: string, email: string): Cell[] => registryRow(code, name, 'UBND xã/phường', email);

function workbook(opts: { permissions?: DrivePermissionSeed[]; scopes?: string[]; editors?: string[] } = {}): TestEnv {
  return registryWorkbook(threeUnits(A1), opts.editors ?? [STAFF, A1, B, OUTSIDER], {
    ...(opts.permissions ? { drive: { permissions: opts.permissions } } : {}),
    ...(opts.scopes ? { oauthScopes: opts.scopes } : {}),
  });
}

const PEOPLE: DrivePermissionSeed[] = [
  { type: 'user', role: 'owner', emailAddress: OWNER },
  { type: 'user', role: 'writer', emailAddress: STAFF },
  { type: 'user', role: 'writer', emailAddress: A1 },
  { type: 'user', role: 'writer', emailAddress: B },
  { type: 'user', role: 'writer', emailAddress: OUTSIDER },
];

test('the menu has the item', () => {
  expect(MENU).toContainEqual([GAS.menu.sharing, 'checkFileSharing']);
});

test('default manifest: editors outside the registry are listed, the link sharing is said to be unchecked, nothing changes', () => {
  const env = workbook();
  const before = env.counters.snapshot();
  const r = env.menu(() => sharingReport());
  expect(r.findings.open).toBeNull();
  expect(r.findings.outsiders).toEqual([OUTSIDER.toLowerCase()]);
  expect(r.findings.editorCount).toBe(5);
  // a focal point who is not an editor of the file cannot edit the unit's tab
  expect(r.findings.missing).toEqual([{ email: NEW_FOCAL, units: ['TR01'] }]);
  expect(r.message).toContain(GAS.sharing.linkUnknown);
  expect(r.message).toContain(OUTSIDER.toLowerCase());
  expect(r.message).toContain(NEW_FOCAL);
  // reads only: no write call of any kind
  const calls = Object.keys(env.counters.calls).filter((k) => (before.calls[k] ?? 0) !== env.counters.calls[k]);
  expect(calls.filter((k) => /set|add|remove|insert|delete|protect|clear/i.test(k.split('.')[1] ?? ''))).toEqual([]);
  expect(env.counters.calls['Drive.Permissions.list']).toBeUndefined();
});

test('sharing variant: "anyone with the link" is a warning; a restricted file is said to be restricted', () => {
  const open = workbook({ permissions: [...PEOPLE, { type: 'anyone', role: 'writer', allowFileDiscovery: false }], scopes: sharingScopes() });
  const r = open.menu(() => sharingReport());
  expect(r.findings.open).toEqual([{ kind: 'anyone', role: 'writer', discoverable: false, domain: '' }]);
  expect(r.message).toContain('BẤT KỲ AI có đường liên kết (được sửa)');
  expect(open.counters.calls['Drive.Permissions.list']).toBe(1);
  resetGlobals();

  const closed = workbook({ permissions: PEOPLE, scopes: sharingScopes() });
  const r2 = closed.menu(() => sharingReport());
  expect(r2.findings.open).toEqual([]);
  expect(r2.message).toContain(GAS.sharing.notOpen);
  expect(r2.message).not.toContain('BẤT KỲ AI');
});

test('sharing variant: a domain share and a group editor are reported; permissions are read page by page', () => {
  const many: DrivePermissionSeed[] = [...PEOPLE];
  for (let i = 0; i < 150; i++) many.push({ type: 'user', role: 'reader', emailAddress: 'xem' + String(i) + '@example.com' });
  many.push({ type: 'domain', role: 'reader', domain: 'example.gov.vn', allowFileDiscovery: true });
  many.push({ type: 'group', role: 'writer', emailAddress: 'nhom.xa@example.gov.vn' });
  const env = workbook({ permissions: many, scopes: sharingScopes() });
  const r = env.menu(() => sharingReport());
  expect(env.counters.calls['Drive.Permissions.list']).toBe(2);
  expect(r.findings.open).toEqual([{ kind: 'domain', role: 'reader', discoverable: true, domain: 'example.gov.vn' }]);
  expect(r.findings.groups).toEqual(['nhom.xa@example.gov.vn']);
  // readers are not editors
  expect(r.findings.outsiders).toEqual([OUTSIDER.toLowerCase()]);
  expect(r.message).toContain('“example.gov.vn”');
});

test('the Drive service without a Drive scope (drive.file only) fails clearly, and the editors part still works', () => {
  const env = workbook({ permissions: PEOPLE, scopes: [...manifestScopes('bound'), 'https://www.googleapis.com/auth/drive.file'] });
  const r = env.menu(() => sharingReport());
  expect(r.findings.open).toBeNull();
  expect(r.driveError).toContain('File not found');
  expect(r.message).toContain('Không đọc được thông tin chia sẻ trên Drive');
  expect(r.findings.outsiders).toEqual([OUTSIDER.toLowerCase()]);
});

test('a runner who cannot read the editors gets "not readable", never "no outsiders"', () => {
  // the runner is not an editor of the file: Sheets lists no editors to them (the stricter reading)
  const env = gasEnv({ user: OWNER, editors: [STAFF] });
  env.addSheet(SHEET.units, [UNIT_HEADER, unitRow('XA001', 'UBND xã Tân Phú', A1)]);
  env.setUser('nguoi.ngoai@example.com');
  const r = env.menu(() => sharingReport());
  expect(r.findings.editorCount).toBeNull();
  expect(r.message).toContain(GAS.sharing.editorsUnknown);
  expect(r.message).not.toContain('ai cũng là đầu mối');
});

test('core: owner and staff are never outsiders; addresses compare case-insensitively', () => {
  const f = checkSharing({
    editors: [OWNER.toUpperCase(), STAFF, 'DAUMOI.XA001@example.gov.vn', OUTSIDER],
    owner: OWNER,
    units: [{ code: 'XA001', emails: [A1] }],
    staff: [STAFF.toUpperCase()],
    permissions: null,
  });
  expect(f.outsiders).toEqual([OUTSIDER.toLowerCase()]);
  expect(f.missing).toEqual([]);
  expect(f.open).toBeNull();
});
