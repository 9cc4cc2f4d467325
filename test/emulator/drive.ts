/**
 * The advanced Drive service (Drive API v3), only the part the sharing check uses:
 * `Drive.Permissions.list(fileId, optionalArgs)`.
 *
 * Modelled strictly:
 * - An advanced service is a global only when the manifest enables it
 *   (https://developers.google.com/apps-script/guides/services/advanced: "you must enable it before
 *   use"): the environment installs `Drive` only with the `drive` option.
 * - It needs a Drive scope among the manifest's oauthScopes
 *   (https://developers.google.com/drive/api/reference/rest/v3/permissions/list, "Authorization
 *   scopes"). `drive.file` is in that list but covers only files "that you open with an app or that
 *   the user shares with an app while using the Google Picker API or the app's file picker"
 *   (https://developers.google.com/drive/api/guides/api-specific-auth): nothing documents that a
 *   menu add-on's container counts, so here it does not (the call fails as for a file out of
 *   reach: "File not found").
 * - Only `fields` naming `permissions(…)` returns those fields; others are left out, as a partial
 *   response does (https://developers.google.com/drive/api/guides/fields-parameter).
 * - Every call is counted (`Drive.Permissions.list`) and paged by `pageSize` (default 100).
 */
import type { Ctx } from './core';

export interface DrivePermissionSeed {
  type: 'user' | 'group' | 'domain' | 'anyone';
  role: 'owner' | 'organizer' | 'fileOrganizer' | 'writer' | 'commenter' | 'reader';
  emailAddress?: string;
  domain?: string;
  allowFileDiscovery?: boolean;
}

const FULL_SCOPES = [
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/drive.readonly',
  'https://www.googleapis.com/auth/drive.metadata',
  'https://www.googleapis.com/auth/drive.metadata.readonly',
];

export class DriveV3Service {
  readonly Permissions: {
    list: (fileId: string, optionalArgs?: Record<string, unknown>) => { permissions: Record<string, unknown>[]; nextPageToken?: string };
  };
  constructor(ctx: Ctx, fileId: () => string, permissions: () => DrivePermissionSeed[]) {
    this.Permissions = {
      list: (id, args = {}) => {
        ctx.call('Drive.Permissions.list', 'document');
        const granted = ctx.grantedScopes;
        if (granted && !FULL_SCOPES.some((s) => granted.includes(s))) {
          if (granted.includes('https://www.googleapis.com/auth/drive.file'))
            throw new Error(`GoogleJsonResponseException: API call to drive.permissions.list failed with error: File not found: ${id}.`);
          throw new Error(`You do not have permission to call Drive.Permissions.list. Required permissions: ${FULL_SCOPES[3]}`);
        }
        if (id !== fileId()) throw new Error(`GoogleJsonResponseException: API call to drive.permissions.list failed with error: File not found: ${id}.`);
        const size = Math.max(1, Math.min(100, Number(args.pageSize ?? 100)));
        const token = typeof args.pageToken === 'string' ? args.pageToken : '';
        const start = token ? Number(token.replace('p', '')) : 0;
        const all = permissions();
        const fields = typeof args.fields === 'string' ? args.fields : '';
        const m = /permissions\(([^)]*)\)/.exec(fields);
        const wanted = m ? m[1].split(',').map((f) => f.trim()) : ['kind', 'id', 'type', 'role'];
        const page = all.slice(start, start + size).map((p) => {
          const out: Record<string, unknown> = {};
          for (const f of wanted) if (f in p) out[f] = (p as unknown as Record<string, unknown>)[f];
          return out;
        });
        return start + size < all.length ? { permissions: page, nextPageToken: 'p' + String(start + size) } : { permissions: page };
      },
    };
  }
}
