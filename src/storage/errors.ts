import { redact } from '../core/connection/redact';
import { errorLeaves } from '../hubs/errors';
import type { StorageAccount } from './account';

/** What went wrong with a storage account, in words a user can act on. Never holds a secret. */
export type StorageProblemCode =
  | 'wrongKey'
  | 'expiredSas'
  | 'missingRole'
  | 'sasPermissions'
  | 'firewall'
  | 'keyAuthDisabled'
  | 'entraCredential'
  | 'accountNotFound'
  | 'containerNotFound'
  | 'blobNotFound'
  | 'connectionRefused'
  | 'timeout'
  | 'throttled'
  | 'serverError'
  | 'other';

export interface StorageProblem {
  readonly code: StorageProblemCode;
  /** One or two sentences: what failed and what to do. */
  readonly message: string;
}

/** Failures that retrying cannot mend: a tail stops at once and says why. */
const PERMANENT: ReadonlySet<StorageProblemCode> = new Set<StorageProblemCode>([
  'wrongKey',
  'expiredSas',
  'missingRole',
  'sasPermissions',
  'firewall',
  'keyAuthDisabled',
  'entraCredential',
  'accountNotFound',
]);

export function isPermanentStorageProblem(code: StorageProblemCode): boolean {
  return PERMANENT.has(code);
}

/** Longest wait a `Retry-After` answer is obeyed for: a tail keeps polling at least this often. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * How long the service asked to wait before the next request (its `Retry-After` header, in seconds or as an
 * HTTP date; at most a minute), or undefined when it did not say. Azure sends it with some 429 and 503 answers.
 */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } })?.response?.headers;
  let value: string | undefined;
  try {
    value = headers?.get?.('retry-after')?.trim();
  } catch {
    return undefined;
  }
  if (!value) return undefined;
  const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

interface Facts {
  readonly status?: number;
  readonly errorCode: string;
  readonly text: string;
  readonly codes: string[];
}

function facts(error: unknown): Facts {
  const e = error as {
    statusCode?: unknown;
    code?: unknown;
    details?: { errorCode?: unknown };
    response?: { headers?: { get?: (name: string) => string | undefined } };
  };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  let errorCode = '';
  if (typeof e?.details?.errorCode === 'string') errorCode = e.details.errorCode;
  else {
    try {
      errorCode = e?.response?.headers?.get?.('x-ms-error-code') ?? '';
    } catch {
      errorCode = '';
    }
  }
  if (errorCode === '' && typeof e?.code === 'string' && /^[A-Z][A-Za-z]+$/.test(e.code)) errorCode = e.code;
  const leaves = errorLeaves(error);
  return { status, errorCode, text: leaves.map((l) => l.message).join(' '), codes: leaves.map((l) => l.code) };
}

/**
 * The one wording of a failure of the storage account's blob service, redacted: the connection check, the
 * tail (panel, editor, CLI) show this. `container`/`blob` name what was being read, when anything was.
 */
export function describeStorageProblem(
  error: unknown,
  account: StorageAccount,
  where: { readonly container?: string; readonly blob?: string } = {},
): StorageProblem {
  const p = classify(error, account, where);
  return { code: p.code, message: redact(p.message) };
}

function classify(error: unknown, account: StorageAccount, where: { container?: string; blob?: string }): StorageProblem {
  const f = facts(error);
  const name = account.accountName;
  const host = account.host;
  const has = (pattern: RegExp) => f.codes.some((c) => pattern.test(c)) || pattern.test(f.text);
  if (has(/ENOTFOUND|EAI_AGAIN|EAI_NONAME/)) {
    return {
      code: 'accountNotFound',
      message: `The storage account "${name}" could not be found: the host "${host.replace(/:\d+$/, '')}" does not resolve (DNS lookup failed). Check the account name and the cloud (e.g. .blob.core.windows.net, .blob.core.usgovcloudapi.net).`,
    };
  }
  if (has(/ECONNREFUSED/)) {
    return {
      code: 'connectionRefused',
      message: `The connection to ${host} was refused: nothing accepts connections on that port. ${account.emulator ? 'Start Azurite (npx azurite-blob) or check its port.' : 'Check the blob endpoint.'}`,
    };
  }
  if (
    /CredentialUnavailable|AuthenticationRequired|AuthenticationError/.test(f.text) ||
    f.codes.some((c) => /CredentialUnavailable/.test(c))
  ) {
    return { code: 'entraCredential', message: `Could not get a Microsoft Entra ID token: ${firstSentence(f.text)}` };
  }
  const code = f.errorCode;
  const sas = account.auth.kind === 'sas';
  if (code === 'AuthenticationFailed' || (f.status === 403 && /failed to authenticate|signature/i.test(f.text))) {
    if (sas && /expir|not valid in the specified time|time frame|signed expiry/i.test(f.text))
      return {
        code: 'expiredSas',
        message: `The shared access signature for "${name}" has expired or is not valid yet (403 AuthenticationFailed). Create a new SAS (the storage account → Shared access signature) and enter it again.`,
      };
    if (account.auth.kind === 'tokenCredential')
      return {
        code: 'entraCredential',
        message: `"${name}" did not accept the Microsoft Entra ID token (403 AuthenticationFailed). Sign in again, to the tenant of the storage account.`,
      };
    return {
      code: 'wrongKey',
      message: sas
        ? `The shared access signature was rejected by "${name}" (403 AuthenticationFailed). Copy the SAS again from the portal: it must be signed by one of this account's keys.`
        : `The account key was rejected by "${name}" (403 AuthenticationFailed). Copy the connection string again from the portal (the storage account → Access keys).`,
    };
  }
  if (code === 'KeyBasedAuthenticationNotPermitted')
    return {
      code: 'keyAuthDisabled',
      message: `"${name}" does not allow access with account keys or SAS (403 KeyBasedAuthenticationNotPermitted). Use Microsoft Entra ID with the "Storage Blob Data Reader" role instead.`,
    };
  if (
    code === 'AuthorizationPermissionMismatch' ||
    code === 'AuthorizationResourceTypeMismatch' ||
    code === 'AuthorizationServiceMismatch'
  ) {
    if (account.auth.kind === 'tokenCredential')
      return {
        code: 'missingRole',
        message: `Access was denied (403 ${code}) to "${name}". Your account needs the "Storage Blob Data Reader" role on the storage account (or the containers); role assignments can take a few minutes to apply.`,
      };
    return {
      code: 'sasPermissions',
      message: `The shared access signature does not allow this on "${name}" (403 ${code}). Create an account SAS for the Blob service with resource types Service, Container and Object and permissions Read and List.`,
    };
  }
  if (
    code === 'AuthorizationFailure' ||
    code === 'AuthorizationSourceIPMismatch' ||
    (f.status === 403 && /not authorized to perform this operation/i.test(f.text))
  ) {
    return {
      code: 'firewall',
      message: `"${name}" refused the request (403 ${code || 'AuthorizationFailure'}): its firewall does not let this network in. Add your IP address under the storage account → Networking, or use a network it allows (Defender itself needs "Allow trusted Microsoft services").`,
    };
  }
  if (code === 'AccountIsDisabled')
    return { code: 'firewall', message: `The storage account "${name}" is disabled (403 AccountIsDisabled).` };
  if (code === 'ContainerNotFound' || (f.status === 404 && where.container && !where.blob))
    return {
      code: 'containerNotFound',
      message: `The container ${where.container ? `"${where.container}" ` : ''}does not exist on "${name}" (404): Defender creates it when it first writes a record of that table.`,
    };
  if (code === 'BlobNotFound' || f.status === 404)
    return {
      code: 'blobNotFound',
      message: `The blob ${where.blob ? `"${where.blob}" ` : ''}${where.container ? `in "${where.container}" ` : ''}is gone (404): it was deleted or the container's retention removed it.`,
    };
  if (f.status === 429 || f.status === 503 || code === 'ServerBusy')
    return {
      code: 'throttled',
      message: `"${name}" is busy and asked to slow down (${f.status ?? 503} ${code || 'ServerBusy'}); retrying.`,
    };
  if (f.status !== undefined && f.status >= 500)
    return { code: 'serverError', message: `"${name}" answered with a server error (${f.status}${code ? ` ${code}` : ''}); retrying.` };
  if (has(/ETIMEDOUT|ESOCKETTIMEDOUT|timed? ?out|AbortError|ECONNRESET/i))
    return {
      code: 'timeout',
      message: `${host} did not answer in time (${firstSentence(f.text) || 'timeout'}). Check the network and the blob endpoint.`,
    };
  return {
    code: 'other',
    message: `The storage request to "${name}" failed: ${firstSentence(f.text) || 'unknown error'}${f.status ? ` (${f.status}${code ? ` ${code}` : ''})` : ''}.`,
  };
}

function firstSentence(text: string): string {
  const trimmed = text.trim().split('\n')[0] ?? '';
  const end = trimmed.search(/\.(\s|$)/);
  return (end >= 0 ? trimmed.slice(0, end) : trimmed).slice(0, 300);
}
