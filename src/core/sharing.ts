/**
 * The sharing check (issue 13 §3, menu "Kiểm tra chia sẻ tệp"): whether the workbook is open to
 * anyone with the link (or to a whole domain), and which editors of the file are neither a unit's
 * focal point (`Đơn vị` › `Email đầu mối`), nor department staff (`Cấu hình` › `Cán bộ Sở
 * (email)`), nor the owner. Personal data law (DOMAIN.md §5) asks for no "anyone with the link"
 * master sheet and access limited to who needs it; the check only reports, it never changes the
 * file's sharing.
 *
 * The inputs are what the adapter could read: the file's editors (Spreadsheet.getEditors(), with the
 * add-on's spreadsheet scope) and, only in the build that has a Drive scope, the file's Drive
 * permissions (null: not readable in this installation). docs/sharing-check.md.
 */
import type { Unit } from './units';

/** One permission of the file as Drive API v3 `permissions.list` gives it (the fields we ask for). */
export interface DrivePermission {
  /** user, group, domain or anyone */
  type: string;
  /** owner, organizer, fileOrganizer, writer, commenter or reader */
  role: string;
  emailAddress?: string;
  domain?: string;
  /** For `domain` and `anyone`: whether the file can be found by search (else only by its link). */
  allowFileDiscovery?: boolean;
}

/** A permission that opens the file beyond named people. */
export interface OpenAccess {
  kind: 'anyone' | 'domain';
  /** The role the link gives: 'writer' (edit), 'commenter' or 'reader' (view). */
  role: string;
  /** Findable by search, not only by its link. */
  discoverable: boolean;
  /** The domain of a `domain` permission. */
  domain: string;
}

export interface SharingInput {
  /** The file's editors as Sheets lists them; null: the list could not be read. */
  editors: readonly string[] | null;
  owner: string | null;
  /** The registry's units (focal addresses in `emails`). */
  units: readonly Pick<Unit, 'code' | 'emails'>[];
  staff: readonly string[];
  /** Drive permissions; null when this installation has no Drive scope (or the read failed). */
  permissions: readonly DrivePermission[] | null;
}

export interface SharingFindings {
  /** null: the link sharing could not be checked (no Drive scope here). */
  open: OpenAccess[] | null;
  /** Editors who are not the owner, a focal point nor staff (lower case, sorted). */
  outsiders: string[];
  /** Groups with edit rights (Drive only): their members cannot be checked one by one. */
  groups: string[];
  /** How many editors were read (the owner included when listed); null when not readable. */
  editorCount: number | null;
  /** Focal points and staff who are not editors of the file (they cannot edit their tab). */
  missing: { email: string; units: string[] }[];
}

const lower = (s: string): string => s.trim().toLowerCase();

const EDIT_ROLES = new Set(['owner', 'organizer', 'fileOrganizer', 'writer']);

export function checkSharing(input: SharingInput): SharingFindings {
  const known = new Set<string>();
  const unitsOf = new Map<string, string[]>();
  for (const u of input.units) {
    for (const e of u.emails) {
      const k = lower(e);
      if (!k) continue;
      known.add(k);
      const list = unitsOf.get(k) ?? [];
      if (!list.includes(u.code)) list.push(u.code);
      unitsOf.set(k, list);
    }
  }
  const staff = input.staff.map(lower).filter(Boolean);
  for (const s of staff) known.add(s);
  const owner = input.owner ? lower(input.owner) : '';

  const editorSet = new Set<string>();
  for (const e of input.editors ?? []) if (lower(e)) editorSet.add(lower(e));
  // Drive lists users with edit rights too (a user added to the file is both)
  const groups: string[] = [];
  const open: OpenAccess[] = [];
  for (const p of input.permissions ?? []) {
    if (p.type === 'anyone' || p.type === 'domain') {
      open.push({ kind: p.type, role: p.role, discoverable: p.allowFileDiscovery === true, domain: p.type === 'domain' ? (p.domain ?? '') : '' });
    } else if (EDIT_ROLES.has(p.role) && p.emailAddress) {
      if (p.type === 'group') groups.push(lower(p.emailAddress));
      else if (p.type === 'user') editorSet.add(lower(p.emailAddress));
    }
  }
  const outsiders = [...editorSet].filter((e) => e !== owner && !known.has(e)).sort();
  const editorsReadable = input.editors !== null || input.permissions !== null;
  const missing = editorsReadable
    ? [...new Set([...unitsOf.keys(), ...staff])]
        .filter((e) => e !== owner && !editorSet.has(e))
        .sort()
        .map((email) => ({ email, units: unitsOf.get(email) ?? [] }))
    : [];
  return {
    open: input.permissions === null ? null : open,
    outsiders,
    groups: [...new Set(groups)].sort(),
    editorCount: editorsReadable ? editorSet.size : null,
    missing,
  };
}
