import {
  DEVICE_PREFIXES,
  DROPPED_FILES,
  FIRST_NAMES,
  LAST_NAMES,
  MACHINE_GROUPS,
  NETBIOS_DOMAIN,
  ORG_DOMAIN,
  OS_LIST,
  PROCESSES,
  USER_FOLDERS,
} from './fixtures';
import type { OsInfo, ProcessInfo } from './fixtures';
import type { Prng } from './prng';

export interface Account {
  readonly name: string;
  readonly domain: string;
  readonly sid: string;
  readonly upn: string;
  readonly objectId: string;
  readonly displayName: string;
}

export interface Device {
  readonly id: string;
  readonly name: string;
  readonly shortName: string;
  readonly machineGroup: string | null;
  readonly os: OsInfo;
  readonly ip: string;
  readonly publicIp: string;
  readonly mac: string;
  readonly aadDeviceId: string;
}

/** A file with its hashes, as a process image, a loaded module or a written file. */
export interface FileInfo {
  readonly fileName: string;
  readonly folderPath: string;
  readonly sha1: string;
  readonly sha256: string;
  readonly md5: string;
  readonly size: number;
}

export interface ProcessRun extends FileInfo {
  readonly info: ProcessInfo;
  readonly pid: number;
  readonly commandLine: string;
  readonly creationTime: number;
  readonly integrity: string;
  readonly elevation: string;
  readonly logonId: number;
  readonly sessionId: number;
  readonly account: Account;
}

/** A fixed population of users and devices (from the seed) so the same entities recur, as in real data. */
export class Population {
  readonly accounts: readonly Account[];
  readonly devices: readonly Device[];
  readonly system: Account;
  private readonly domainSid: string;

  constructor(rng: Prng, size = { users: 40, devices: 30 }) {
    this.domainSid = `S-1-5-21-${rng.int(1000000000, 4294967295)}-${rng.int(1000000000, 4294967295)}-${rng.int(1000000000, 4294967295)}`;
    const accounts: Account[] = [];
    for (let i = 0; i < size.users; i++) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const name = `${first}.${last}${i > 15 ? i : ''}`;
      accounts.push({
        name,
        domain: NETBIOS_DOMAIN.toLowerCase(),
        sid: `${this.domainSid}-${1100 + i}`,
        upn: `${name}@${ORG_DOMAIN}`,
        objectId: rng.guid(),
        displayName: `${capitalize(first)} ${capitalize(last)}`,
      });
    }
    this.accounts = accounts;
    this.system = { name: 'system', domain: 'nt authority', sid: 'S-1-5-18', upn: '', objectId: '', displayName: 'SYSTEM' };
    const devices: Device[] = [];
    for (let i = 0; i < size.devices; i++) {
      const prefix = rng.pick(DEVICE_PREFIXES);
      const shortName = `${prefix}-${String(rng.int(1, 9999)).padStart(4, '0')}`;
      const server = prefix !== 'wks' && prefix !== 'lap' && prefix !== 'vdi';
      const os = server
        ? rng.pick(OS_LIST.filter((o) => o.platform.startsWith('WindowsServer') || o.platform === 'Linux'))
        : rng.pick(OS_LIST.filter((o) => !o.platform.startsWith('WindowsServer')));
      devices.push({
        id: rng.hex(40),
        name: `${shortName}.${NETBIOS_DOMAIN.toLowerCase()}.local`,
        shortName,
        machineGroup: rng.chance(0.1)
          ? null
          : server
            ? rng.pick(['Servers', 'Domain Controllers'])
            : rng.pick(MACHINE_GROUPS.filter((g) => g !== 'Servers' && g !== 'Domain Controllers')),
        os,
        ip: `10.${rng.int(0, 3)}.${rng.int(0, 255)}.${rng.int(2, 254)}`,
        publicIp: `${rng.pick([20, 40, 52, 104, 131])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
        mac: Array.from({ length: 6 }, () => rng.hex(2).toUpperCase()).join('-'),
        aadDeviceId: rng.guid(),
      });
    }
    this.devices = devices;
  }
}

export function makeFile(rng: Prng, fileName: string, folderPath: string, size?: number): FileInfo {
  return { fileName, folderPath, sha1: rng.hex(40), sha256: rng.hex(64), md5: rng.hex(32), size: size ?? rng.int(2_048, 45_000_000) };
}

export function makeProcess(rng: Prng, account: Account, createdBefore: number, info: ProcessInfo = rng.pick(PROCESSES)): ProcessRun {
  const system = account.sid === 'S-1-5-18';
  const file = makeFile(
    rng,
    info.fileName,
    `${info.folder}${info.folder.includes('/') ? '/' : '\\'}${info.fileName}`,
    rng.int(40_000, 4_000_000),
  );
  return {
    ...file,
    info,
    pid: rng.int(4, 65_000),
    commandLine: rng.pick(info.commandLines),
    creationTime: createdBefore - rng.int(50, 3_600_000),
    integrity: system ? 'System' : rng.pick(['Medium', 'Medium', 'High', 'Low']),
    elevation: system
      ? 'TokenElevationTypeDefault'
      : rng.pick(['TokenElevationTypeDefault', 'TokenElevationTypeLimited', 'TokenElevationTypeFull']),
    logonId: rng.int(100_000, 9_999_999),
    sessionId: system ? 0 : rng.int(1, 12),
    account,
  };
}

export function userFile(rng: Prng, account: Account, device: Device): FileInfo {
  const fileName = rng.pick(DROPPED_FILES);
  const folder =
    device.os.platform === 'Linux' || device.os.platform === 'macOS'
      ? `/home/${account.name}/${rng.pick(['Downloads', 'tmp', 'docs'])}/`
      : `C:\\Users\\${account.name}\\${rng.pick(USER_FOLDERS)}\\`;
  return makeFile(rng, fileName, `${folder}${fileName}`);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
