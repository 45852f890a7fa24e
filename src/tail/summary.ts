import type { DefenderRecord } from '../core/decode/types';

/** Fields shown, in order, for each table (the first ones that have a value). */
const FIELDS: Readonly<Record<string, readonly string[]>> = {
  DeviceEvents: ['DeviceName', 'ActionType', 'FileName', 'ProcessCommandLine', 'InitiatingProcessCommandLine', 'RemoteUrl'],
  DeviceFileEvents: ['DeviceName', 'ActionType', 'FileName', 'FolderPath', 'InitiatingProcessCommandLine'],
  DeviceImageLoadEvents: ['DeviceName', 'ActionType', 'FileName', 'InitiatingProcessFileName'],
  DeviceProcessEvents: ['DeviceName', 'ActionType', 'FileName', 'ProcessCommandLine'],
  DeviceNetworkEvents: ['DeviceName', 'ActionType', 'RemoteIP', 'RemotePort', 'RemoteUrl', 'InitiatingProcessFileName'],
  DeviceLogonEvents: ['DeviceName', 'ActionType', 'AccountName', 'LogonType', 'RemoteIP'],
  DeviceRegistryEvents: ['DeviceName', 'ActionType', 'RegistryKey', 'RegistryValueName'],
  DeviceInfo: ['DeviceName', 'OSPlatform', 'OSVersion', 'PublicIP'],
  DeviceNetworkInfo: ['DeviceName', 'NetworkAdapterName', 'IPAddresses'],
  DeviceFileCertificateInfo: ['DeviceName', 'Signer', 'IsTrusted', 'SHA1'],
  EmailEvents: ['Subject', 'SenderFromAddress', 'RecipientEmailAddress', 'DeliveryAction'],
  EmailAttachmentInfo: ['FileName', 'SenderFromAddress', 'RecipientEmailAddress', 'ThreatNames'],
  EmailPostDeliveryEvents: ['ActionType', 'Action', 'RecipientEmailAddress', 'ActionResult'],
  EmailUrlInfo: ['Url', 'UrlLocation'],
  UrlClickEvents: ['AccountUpn', 'ActionType', 'Url'],
  IdentityLogonEvents: ['AccountUpn', 'ActionType', 'LogonType', 'DeviceName', 'FailureReason'],
  IdentityQueryEvents: ['AccountUpn', 'ActionType', 'QueryType', 'QueryTarget'],
  IdentityDirectoryEvents: ['AccountUpn', 'ActionType', 'TargetAccountUpn', 'TargetDeviceName'],
  AlertInfo: ['Severity', 'Title', 'Category', 'DetectionSource'],
  AlertEvidence: ['Title', 'EntityType', 'EvidenceRole', 'DeviceName', 'AccountUpn', 'FileName', 'RemoteUrl'],
  CloudAppEvents: ['Application', 'ActionType', 'AccountDisplayName', 'ObjectName', 'IPAddress'],
};

/** Fields tried for tables the catalog does not know. */
const FALLBACK: readonly string[] = ['DeviceName', 'AccountUpn', 'ActionType', 'Title', 'Subject', 'FileName', 'Url'];

const MAX_FIELDS = 4;
const MAX_VALUE = 120;
const MAX_SUMMARY = 240;

/** The row of an Advanced Hunting table: `properties` in the streaming envelope, else the record itself. */
export function recordProperties(record: DefenderRecord): Record<string, unknown> {
  const p = record.properties;
  return p !== null && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : record;
}

/**
 * A short one-line summary of a record for list rows and the CLI, e.g. "WKS-01 · ProcessCreated ·
 * powershell.exe · powershell -enc ...". The text is the record's own (untrusted): render it with
 * `textContent`, or escape it for a terminal (`terminalSafe`).
 */
export function recordSummary(table: string, record: DefenderRecord): string {
  const props = recordProperties(record);
  const parts: string[] = [];
  for (const field of FIELDS[table] ?? FALLBACK) {
    const value = scalar(props[field]);
    if (value === undefined) continue;
    parts.push(value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value);
    if (parts.length >= MAX_FIELDS) break;
  }
  if (parts.length === 0) {
    // Nothing known: the first few scalar values of the row.
    for (const [key, raw] of Object.entries(props)) {
      if (key === 'Timestamp' || key === 'TenantId') continue;
      const value = scalar(raw);
      if (value === undefined) continue;
      parts.push(value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value);
      if (parts.length >= 3) break;
    }
  }
  const text = parts.join(' · ').replace(/\s+/g, ' ');
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY)}…` : text;
}

/** The record's time: `properties.Timestamp`, else the envelope's `time`; "" when neither is a string. */
export function recordTime(record: DefenderRecord): string {
  const props = recordProperties(record);
  if (typeof props.Timestamp === 'string') return props.Timestamp;
  return typeof record.time === 'string' ? record.time : '';
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

// C0/C1 controls (ESC, CSI...), DEL, bidirectional overrides and isolates, zero-width and line/paragraph separators.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
// The same except the JSON-escaped C0 range (JSON.stringify already writes those as \uXXXX or \n etc.).
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function hex(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Text that cannot move the cursor, change colours or reorder a terminal line: unsafe characters become \uXXXX. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : hex(c)));
}

/**
 * JSON text (from JSON.stringify, or a record as received) as one NDJSON line that is safe for a terminal
 * and still the same JSON: line breaks in valid JSON can only be whitespace between tokens (inside strings
 * they are escaped), so they become spaces; C0 controls cannot occur unescaped, and the remaining unsafe
 * characters (C1 controls, bidi overrides, U+2028/9) only occur inside strings, where a \uXXXX escape
 * means the same character.
 */
export function safeJsonText(json: string): string {
  return json.replace(LINE_BREAKS, ' ').replace(UNSAFE_IN_JSON, hex);
}

const LINE_BREAKS = /[\r\n]+/g;
