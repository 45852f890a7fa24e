import type { TokenCredential } from '@azure/core-auth';
import { ConnectionError } from '../core/connection/errors';

/**
 * How a tail or a check reaches a storage account's blob service. A key or SAS only ever goes to the blob
 * endpoint of the account it names: `<account>.blob.<cloud suffix>` over HTTPS, or a loopback emulator
 * (Azurite) that names the account in its path.
 */
export type StorageAuth =
  | { readonly kind: 'sharedKey'; readonly accountKey: string }
  | { readonly kind: 'sas'; readonly sas: string }
  | { readonly kind: 'tokenCredential'; readonly credential: TokenCredential };

export interface StorageAccount {
  readonly accountName: string;
  /** The blob endpoint, no trailing slash: `https://<account>.blob.core.windows.net` or `http://127.0.0.1:10000/<account>`. */
  readonly blobEndpoint: string;
  /** Host (and port) for messages. */
  readonly host: string;
  /** A loopback emulator (Azurite). */
  readonly emulator: boolean;
  readonly auth: StorageAuth;
}

/** The blob hosts of the Azure clouds: commercial, US Government, China (and Azure DNS zone endpoints). */
export const BLOB_SUFFIXES = ['.blob.core.windows.net', '.blob.core.usgovcloudapi.net', '.blob.core.chinacloudapi.cn'] as const;
const ZONE_ENDPOINT = /^([a-z0-9]{3,24})\.z\d{2}\.blob\.storage\.azure\.net$/;
const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;
const ENDPOINT_SUFFIXES = ['core.windows.net', 'core.usgovcloudapi.net', 'core.chinacloudapi.cn'];

/** Azurite's well-known development account (public, documented by Microsoft: not a secret). */
export const DEV_ACCOUNT_NAME = 'devstoreaccount1';
export const DEV_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** Whether a host name is this machine (an emulator may have any account there). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Reads what the user pasted: a storage connection string (account key or SAS; `UseDevelopmentStorage=true`
 * for Azurite) or a blob service SAS URL (`https://<account>.blob.core.windows.net/?sv=...&sig=...`).
 * Throws a `ConnectionError` that never quotes a secret.
 */
export function parseStorageConnection(input: string): StorageAccount {
  const text = input.trim();
  if (text === '') throw new ConnectionError('empty', 'The storage connection string is empty.');
  if (/^https?:\/\//i.test(text)) return fromSasUrl(text);
  const fields = new Map<string, string>();
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const at = part.indexOf('=');
    if (at <= 0)
      throw new ConnectionError('malformed', 'The storage connection string is not a list of Name=value pairs separated by ";".');
    fields.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  if (fields.get('usedevelopmentstorage')?.toLowerCase() === 'true') {
    if (fields.has('developmentstorageproxyuri'))
      throw new ConnectionError('badEndpoint', 'DevelopmentStorageProxyUri is not supported: give BlobEndpoint instead.');
    return account(DEV_ACCOUNT_NAME, new URL(`http://127.0.0.1:10000/${DEV_ACCOUNT_NAME}`), {
      kind: 'sharedKey',
      accountKey: DEV_ACCOUNT_KEY,
    });
  }
  const name = fields.get('accountname');
  const key = fields.get('accountkey');
  const sas = fields.get('sharedaccesssignature');
  let auth: StorageAuth;
  if (key !== undefined && key !== '') {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key))
      throw new ConnectionError('missingKey', 'The AccountKey of the connection string is not a base64 key.');
    if (!name) throw new ConnectionError('missingKeyName', 'The connection string has an AccountKey but no AccountName.');
    auth = { kind: 'sharedKey', accountKey: key };
  } else if (sas !== undefined && sas !== '') {
    auth = { kind: 'sas', sas: checkedSas(sas) };
  } else {
    throw new ConnectionError('missingKey', 'The connection string has neither an AccountKey nor a SharedAccessSignature.');
  }
  const endpoint = fields.get('blobendpoint');
  if (endpoint) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new ConnectionError('badEndpoint', 'The BlobEndpoint of the connection string is not a URL.');
    }
    return account(name ?? accountOfUrl(url), url, auth, name);
  }
  if (!name) throw new ConnectionError('malformed', 'The connection string names no AccountName and no BlobEndpoint.');
  const suffix = (fields.get('endpointsuffix') ?? 'core.windows.net').toLowerCase();
  if (!ENDPOINT_SUFFIXES.includes(suffix))
    throw new ConnectionError('badHost', `The EndpointSuffix must be one of ${ENDPOINT_SUFFIXES.join(', ')}.`);
  const protocol = (fields.get('defaultendpointsprotocol') ?? 'https').toLowerCase();
  if (protocol !== 'https')
    throw new ConnectionError('badEndpoint', 'DefaultEndpointsProtocol must be https for an Azure storage account.');
  return account(name, new URL(`https://${name.toLowerCase()}.blob.${suffix}`), auth, name);
}

/** An account reached with Microsoft Entra ID: its blob endpoint URL, host or account name (commercial cloud). */
export function storageAccountForEntra(urlOrName: string, credential: TokenCredential): StorageAccount {
  const text = urlOrName.trim();
  const url = ACCOUNT_NAME.test(text)
    ? new URL(`https://${text}${BLOB_SUFFIXES[0]}`)
    : new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  return account(accountOfUrl(url), url, { kind: 'tokenCredential', credential });
}

function fromSasUrl(text: string): StorageAccount {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConnectionError('badEndpoint', 'The SAS URL is not a URL.');
  }
  const sas = checkedSas(url.search.replace(/^\?/, ''));
  url.search = '';
  return account(accountOfUrl(url), url, { kind: 'sas', sas });
}

function checkedSas(sas: string): string {
  const token = sas.replace(/^\?/, '');
  if (!/(^|&)sig=[^&]+/.test(token))
    throw new ConnectionError('missingKey', 'The shared access signature has no "sig=": copy the SAS token again from the portal.');
  return token;
}

/** The account a blob endpoint URL names: the first label of an Azure blob host, or the first path segment on loopback. */
function accountOfUrl(url: URL): string {
  if (isLoopbackHost(url.hostname)) {
    const first = url.pathname.split('/').filter((s) => s !== '')[0];
    if (!first)
      throw new ConnectionError(
        'badEndpoint',
        'A local blob endpoint must name the account in its path, e.g. http://127.0.0.1:10000/devstoreaccount1.',
      );
    return first;
  }
  const host = url.hostname.toLowerCase();
  const suffix = BLOB_SUFFIXES.find((s) => host.endsWith(s));
  const label = suffix ? host.slice(0, -suffix.length) : ZONE_ENDPOINT.exec(host)?.[1];
  if (!label || !ACCOUNT_NAME.test(label))
    throw new ConnectionError(
      'badHost',
      `The blob endpoint must be https://<account>${BLOB_SUFFIXES[0]} (or the US Government or China cloud's), or a local emulator.`,
    );
  return label;
}

/** Checks that the endpoint belongs to the account (a key or SAS goes nowhere else) and builds the account. */
function account(name: string, url: URL, auth: StorageAuth, named?: string): StorageAccount {
  const loopback = isLoopbackHost(url.hostname);
  const owner = accountOfUrl(url);
  if (named !== undefined && owner.toLowerCase() !== named.toLowerCase())
    throw new ConnectionError(
      'badHost',
      'The BlobEndpoint belongs to another account than AccountName: the key is only sent to its own account.',
    );
  if (!loopback && url.protocol !== 'https:')
    throw new ConnectionError('badEndpoint', 'The blob endpoint must use https (only a local emulator may use http).');
  if (!loopback && url.pathname !== '/' && url.pathname !== '')
    throw new ConnectionError('badEndpoint', 'The blob endpoint of an Azure account has no path.');
  const path = loopback ? `/${owner}` : '';
  return {
    accountName: loopback ? owner : name.toLowerCase(),
    blobEndpoint: `${url.protocol}//${url.host}${path}`,
    host: url.host,
    emulator: loopback,
    auth,
  };
}

/** Non-secret facts of an account, for logs and labels. */
export function describeAccount(a: StorageAccount): string {
  const how = a.auth.kind === 'sharedKey' ? 'account key' : a.auth.kind === 'sas' ? 'SAS' : 'Microsoft Entra ID';
  return `${a.accountName} (${a.blobEndpoint}, ${how})`;
}
