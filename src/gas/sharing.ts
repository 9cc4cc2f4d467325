/**
 * Menu "Kiểm tra chia sẻ tệp" (issue 13 §3): reads who may edit the file and, where this
 * installation has a Drive scope, how the file is shared; the core (src/core/sharing.ts) says what
 * is wrong; the result is shown. Nothing is changed.
 *
 * - Editors: Spreadsheet.getEditors() (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getEditors()),
 *   allowed by the add-on's spreadsheet scope. An empty list is read as "not readable" (Drive's
 *   File.getEditors documents an empty array for a user without edit access; the stricter reading
 *   for the spreadsheet's too), never as "no editors".
 * - Link sharing: only through the advanced Drive service (Drive API v3 permissions.list,
 *   https://developers.google.com/drive/api/reference/rest/v3/permissions/list), which the default
 *   manifests do not enable: it needs a Drive scope, and the narrowest that surely covers a file
 *   the script did not create or pick, `drive.metadata.readonly`, is a restricted scope. The build
 *   variant `build-sharing/` (npm run build:sharing) adds it; elsewhere `Drive` is undefined and the
 *   check says the link sharing was not checked. docs/sharing-check.md.
 */
import { GAS, checkSharing, type DrivePermission, type SharingFindings } from '../core';
import { ownerEmail, readStaff } from './access';
import { readRegistrySheet } from './unittabs';
import { alert } from './ui';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The part of the advanced Drive service (v3) this check uses. */
interface DriveV3 {
  Permissions: {
    list(fileId: string, optionalArgs: Record<string, unknown>): { permissions?: DrivePermission[]; nextPageToken?: string };
  };
}

export interface SharingResult {
  findings: SharingFindings;
  message: string;
  /** Why the Drive permissions could not be read ('' when read or not attempted). */
  driveError: string;
}

function readEditors(ss: Spreadsheet): string[] | null {
  try {
    const list = ss
      .getEditors()
      .map((u) => u.getEmail())
      .filter(Boolean);
    return list.length ? list : null;
  } catch {
    return null;
  }
}

/** Every permission of the file, page by page; null without the advanced service. */
function readPermissions(fileId: string): { permissions: DrivePermission[] | null; error: string } {
  const drive = (globalThis as { Drive?: DriveV3 }).Drive;
  if (!drive) return { permissions: null, error: '' };
  const all: DrivePermission[] = [];
  let pageToken: string | undefined;
  try {
    // a file has few permissions; the page cap only guards against a service that never ends
    for (let page = 0; page < 50; page++) {
      const args: Record<string, unknown> = {
        fields: 'nextPageToken,permissions(type,role,emailAddress,domain,allowFileDiscovery)',
        supportsAllDrives: true,
        pageSize: 100,
      };
      if (pageToken) args.pageToken = pageToken;
      const res = drive.Permissions.list(fileId, args);
      all.push(...(res.permissions ?? []));
      pageToken = res.nextPageToken;
      if (!pageToken) break;
    }
    return { permissions: all, error: '' };
  } catch (err) {
    return { permissions: null, error: err instanceof Error ? err.message : String(err) };
  }
}

export function sharingReport(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): SharingResult {
  const registry = readRegistrySheet(ss);
  const units = registry ? registry.units.filter((u) => u.row > 0) : [];
  const { permissions, error } = readPermissions(ss.getId());
  const findings = checkSharing({
    editors: readEditors(ss),
    owner: ownerEmail(ss),
    units,
    staff: readStaff(ss),
    permissions,
  });
  const T = GAS.sharing;
  const lines: string[] = [];
  if (findings.open === null) lines.push(error ? T.linkFailed(error) : T.linkUnknown);
  else if (!findings.open.length) lines.push(T.notOpen);
  for (const o of findings.open ?? []) lines.push(o.kind === 'anyone' ? T.anyone(o.role, o.discoverable) : T.domain(o.domain, o.role, o.discoverable));
  if (findings.editorCount === null) lines.push(T.editorsUnknown);
  else if (findings.outsiders.length) lines.push(T.outsiders(findings.outsiders, findings.editorCount));
  else lines.push(T.editorsOk(findings.editorCount));
  if (findings.groups.length) lines.push(T.groups(findings.groups));
  if (findings.missing.length) lines.push(T.missing(findings.missing.map((m) => T.missingLine(m.email, m.units))));
  if (!registry) lines.push(T.noRegistry);
  lines.push(T.unchanged);
  return { findings, message: lines.join('\n'), driveError: error };
}

/** Menu "Kiểm tra chia sẻ tệp". */
export function sharingMenu(): SharingResult {
  const result = sharingReport();
  alert(result.message, GAS.sharing.title);
  return result;
}
