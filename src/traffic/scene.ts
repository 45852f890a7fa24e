import { makeFile, makeProcess, userFile } from './entities';
import type { Account, Device, FileInfo, Population, ProcessRun } from './entities';
import {
  ALERT_TITLES,
  CLOUD_APPS,
  COUNTRIES,
  EMAIL_SUBJECTS,
  EXTERNAL_DOMAINS,
  EXTERNAL_SENDER_DOMAINS,
  ORG_DOMAIN,
  PARENT_PROCESSES,
  PROCESSES,
  URL_PATHS,
} from './fixtures';
import type { Prng } from './prng';

/** Everything one record talks about, chosen first so its columns agree with each other. */
export interface Scene {
  readonly table: string;
  /** When the event happened (epoch ms). */
  readonly timestamp: number;
  readonly device: Device;
  readonly remoteDevice: Device;
  readonly account: Account;
  readonly targetAccount: Account;
  /** The process the event is about (DeviceProcessEvents: the created one). */
  readonly process: ProcessRun;
  /** The process that caused the event. */
  readonly initiating: ProcessRun;
  readonly parentName: string;
  readonly parentPid: number;
  readonly parentCreation: number;
  /** The file the event is about. */
  readonly file: FileInfo;
  readonly remoteIp: string;
  readonly remotePort: number;
  readonly localPort: number;
  readonly remoteDomain: string;
  readonly remoteUrl: string;
  readonly senderAddress: string;
  readonly senderDisplayName: string;
  readonly subject: string;
  readonly networkMessageId: string;
  readonly app: readonly [string, number];
  readonly country: readonly [string, string, string];
  readonly alertId: string;
  readonly alertTitle: string;
}

export function makeScene(rng: Prng, population: Population, table: string, now: number): Scene {
  const timestamp = now - rng.int(200, 90_000);
  const device = rng.pick(population.devices);
  const account = rng.pick(population.accounts);
  const initiatingAccount = rng.chance(0.25) ? population.system : account;
  const initiating = makeProcess(rng, initiatingAccount, timestamp);
  const process = table === 'DeviceProcessEvents' ? makeProcess(rng, account, timestamp + 1, rng.pick(PROCESSES)) : initiating;
  const createdProcess = table === 'DeviceProcessEvents' ? { ...process, creationTime: timestamp } : process;
  const domain = rng.pick(EXTERNAL_DOMAINS);
  const external = rng.chance(0.6);
  const senderDomain = external ? rng.pick(EXTERNAL_SENDER_DOMAINS) : ORG_DOMAIN;
  const senderUser = rng.pick(population.accounts);
  let file: FileInfo;
  if (table === 'DeviceProcessEvents') file = createdProcess;
  else if (table === 'DeviceImageLoadEvents')
    file = makeFile(
      rng,
      rng.pick(['ntdll.dll', 'kernel32.dll', 'amsi.dll', 'clr.dll', 'update.dll', 'libssl.so.3']),
      'C:\\Windows\\System32\\',
      rng.int(50_000, 3_000_000),
    );
  else file = userFile(rng, account, device);
  if (table === 'DeviceImageLoadEvents') file = { ...file, folderPath: `${file.folderPath}${file.fileName}` };
  return {
    table,
    timestamp,
    device,
    remoteDevice: rng.pick(population.devices),
    account,
    targetAccount: rng.pick(population.accounts),
    process: createdProcess,
    initiating,
    parentName: rng.pick(PARENT_PROCESSES),
    parentPid: rng.int(4, 65_000),
    parentCreation: initiating.creationTime - rng.int(1_000, 86_400_000),
    file,
    remoteIp: rng.chance(0.5)
      ? `${rng.pick([13, 20, 40, 52, 104, 142, 151, 185])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`
      : `10.${rng.int(0, 3)}.${rng.int(0, 255)}.${rng.int(2, 254)}`,
    remotePort: rng.pick([443, 443, 443, 80, 53, 445, 389, 88, 3389, 135, 8080, 22]),
    localPort: rng.int(49_152, 65_535),
    remoteDomain: domain,
    remoteUrl: `https://${domain}${rng.pick(URL_PATHS)}`,
    senderAddress: external ? `${rng.pick(['billing', 'no-reply', 'hr', 'ceo', 'support'])}@${senderDomain}` : senderUser.upn,
    senderDisplayName: external ? rng.pick(['Billing Department', 'IT Support', 'Payroll', 'Shipping Notice']) : senderUser.displayName,
    subject: rng.pick(EMAIL_SUBJECTS),
    networkMessageId: rng.guid(),
    app: rng.pick(CLOUD_APPS),
    country: rng.pick(COUNTRIES),
    alertId: `da${rng.int(638000000000000000 / 1e6, 638999999999999999 / 1e6)}${String(rng.int(0, 999999)).padStart(6, '0')}_${rng.int(-2147483648, 2147483647)}`,
    alertTitle: rng.pick(ALERT_TITLES),
  };
}
