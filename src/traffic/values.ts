import type { Account, ProcessRun } from './entities';
import {
  ACTION_TYPES,
  ALERT_CATEGORIES,
  ATTACK_TECHNIQUES,
  DETECTION_SOURCES,
  ORG_DOMAIN,
  REGISTRY_KEYS,
  REGISTRY_VALUE_NAMES,
  REGISTRY_VALUE_TYPES,
  SERVICE_SOURCES,
  SEVERITIES,
  THREAT_FAMILIES,
  USER_AGENTS,
} from './fixtures';
import type { Prng } from './prng';
import type { Scene } from './scene';
import { SEEN_TABLE_NAMES, seenTableValue } from './seenTableValues';
import { guidFromHex, isoTime, UNKNOWN } from './valueKit';

/** Columns that are usually empty: "" or null most of the time. */
const MOSTLY_EMPTY = new Set([
  'AppGuardContainerId',
  'FailureReason',
  'PreviousFileName',
  'PreviousFolderPath',
  'PreviousRegistryKey',
  'PreviousRegistryValueName',
  'PreviousRegistryValueData',
  'FileOriginUrl',
  'FileOriginReferrerUrl',
  'FileOriginIP',
  'SensitivityLabel',
  'SensitivitySubLabel',
  'ShareName',
  'RequestAccountName',
  'RequestAccountDomain',
  'RequestAccountSid',
  'RequestProtocol',
  'RequestSourceIP',
  'ThreatFamily',
  'AwsResourceName',
  'GcpFullResourceName',
  'AzureResourceId',
  'ExclusionReason',
  'MergedToDeviceId',
  'MergedDeviceIds',
  'HostDeviceId',
  'OAuthAppId',
  'OAuthApplicationId',
  'CloudResource',
  'CloudPlatform',
  'ResourceType',
  'ResourceID',
  'SubscriptionId',
  'RegistryDeviceTag',
  'TunnelType',
  'InitiatingProcessRemoteSessionDeviceName',
  'InitiatingProcessRemoteSessionIP',
  'ProcessRemoteSessionDeviceName',
  'ProcessRemoteSessionIP',
  'ThreatNames',
  'EmailActionPolicy',
  'EmailActionPolicyGuid',
  'EmailAction',
  'OrgLevelPolicy',
  'UserLevelPolicy',
  'UserLevelAction',
  'TargetAccountDisplayName',
  'TargetDeviceName',
  'DestinationDeviceName',
  'Location',
  'SenderIPv6',
  'IPv6Dhcp',
  'DeviceManualTags',
  'DeviceDynamicTags',
  'RegistryValueData',
  'ObjectId',
  'ClientVersion',
  'AccountType',
  'IPCategory',
  'AuditSource',
]);

/**
 * A plausible value for one column of one record, or UNKNOWN. Values follow the column's meaning
 * (hashes, SIDs, IPs, command lines, ...); the caller still makes sure the value has the column's type.
 */
export function columnValue(name: string, scene: Scene, rng: Prng): unknown {
  if (SEEN_TABLE_NAMES.has(scene.table)) {
    const value = seenTableValue(name, scene, rng);
    if (value !== UNKNOWN) return value;
  }
  if (MOSTLY_EMPTY.has(name) && rng.chance(0.7)) return rng.chance(0.5) ? '' : null;
  if (name.startsWith('InitiatingProcessParent')) return parentField(name.slice('InitiatingProcessParent'.length), scene, rng);
  if (name.startsWith('InitiatingProcessAccount'))
    return accountField(name.slice('InitiatingProcessAccount'.length), scene.initiating.account);
  if (name.startsWith('InitiatingProcess')) return processField(name.slice('InitiatingProcess'.length), scene.initiating, scene, rng);
  if (name.startsWith('Process') && name !== 'ProcessCommandLine')
    return processField(name.slice('Process'.length), scene.process, scene, rng);
  if (name === 'ProcessCommandLine') return scene.table === 'AlertEvidence' && rng.chance(0.5) ? null : scene.process.commandLine;
  if (name.startsWith('TargetAccount')) return accountField(name.slice('TargetAccount'.length), scene.targetAccount);
  if (name.startsWith('RequestAccount')) return accountField(name.slice('RequestAccount'.length), scene.targetAccount);
  if (name.startsWith('Account')) return accountField(name.slice('Account'.length), scene.account);
  return namedValue(name, scene, rng);
}

function parentField(field: string, scene: Scene, rng: Prng): unknown {
  switch (field) {
    case 'FileName':
      return scene.parentName;
    case 'Id':
      return scene.parentPid;
    case 'CreationTime':
      return isoTime(scene.parentCreation, rng);
    default:
      return UNKNOWN;
  }
}

function accountField(field: string, account: Account): unknown {
  switch (field) {
    case 'Name':
      return account.name;
    case 'Domain':
      return account.domain;
    case 'Sid':
      return account.sid;
    case 'Upn':
      return account.upn === '' ? null : account.upn;
    case 'ObjectId':
    case 'Id':
      return account.objectId === '' ? null : account.objectId;
    case 'DisplayName':
      return account.displayName;
    case 'Type':
      return 'Regular';
    default:
      return UNKNOWN;
  }
}

function processField(field: string, p: ProcessRun, scene: Scene, rng: Prng): unknown {
  switch (field) {
    case 'SHA1':
      return p.sha1;
    case 'SHA256':
      return p.sha256;
    case 'MD5':
      return p.md5;
    case 'FileName':
      return p.fileName;
    case 'FileSize':
      return p.size;
    case 'FolderPath':
      return p.folderPath;
    case 'VersionInfoCompanyName':
      return p.info.company;
    case 'VersionInfoProductName':
      return p.info.product;
    case 'VersionInfoProductVersion':
      return p.info.version;
    case 'VersionInfoInternalFileName':
      return p.info.fileName.replace(/\.exe$/i, '');
    case 'VersionInfoOriginalFileName':
      return p.info.fileName;
    case 'VersionInfoFileDescription':
      return p.info.description;
    case 'Id':
      return p.pid;
    case 'CommandLine':
      return p.commandLine;
    case 'CreationTime':
      return isoTime(p.creationTime, rng);
    case 'IntegrityLevel':
      return p.integrity;
    case 'TokenElevation':
      return p.elevation;
    case 'LogonId':
      return p.logonId;
    case 'SessionId':
      return p.sessionId;
    case 'SignerType':
      return p.info.company === '' ? 'None' : rng.pick(['OsVendor', 'Microsoft', 'ThirdParty']);
    case 'SignatureStatus':
      return p.info.company === '' ? 'Unsigned' : 'Valid';
    case 'RemoteSessionDeviceName':
      return rng.chance(0.1) ? scene.remoteDevice.shortName : '';
    case 'RemoteSessionIP':
      return rng.chance(0.1) ? scene.remoteDevice.ip : '';
    case 'UniqueId':
      // A decimal string that stays the same for one process run, as Defender writes it.
      return String((p.creationTime % 1_000_000_000) * 100_000 + p.pid);
    default:
      return UNKNOWN;
  }
}

function namedValue(name: string, s: Scene, rng: Prng): unknown {
  switch (name) {
    case 'Timestamp':
      return isoTime(s.timestamp, rng);
    case 'DeviceId':
      return s.device.id;
    case 'DeviceName':
      return s.table.startsWith('Identity') ? s.device.shortName.toUpperCase() : s.device.name;
    case 'RemoteDeviceName':
    case 'DestinationDeviceName':
    case 'TargetDeviceName':
      return s.remoteDevice.name;
    case 'MachineGroup':
      return s.device.machineGroup;
    case 'ActionType':
      return rng.pick(ACTION_TYPES[s.table] ?? ['Unknown']);
    case 'SHA1':
      return s.file.sha1;
    case 'SHA256':
      return s.file.sha256;
    case 'MD5':
      return s.file.md5;
    case 'FileName':
      return s.file.fileName;
    case 'FolderPath':
      return s.file.folderPath;
    case 'FileSize':
      return s.file.size;
    case 'PreviousFileName':
      return `~$${s.file.fileName}`;
    case 'PreviousFolderPath':
      return s.file.folderPath.replace(s.file.fileName, `~$${s.file.fileName}`);
    case 'FileType':
      return s.file.fileName.split('.').pop() ?? 'bin';
    case 'RemoteIP':
    case 'DestinationIPAddress':
    case 'FileOriginIP':
    case 'RequestSourceIP':
      return s.remoteIp;
    case 'LocalIP':
      return s.device.ip;
    case 'IPAddress':
      return s.table.startsWith('Identity') ? s.device.ip : s.remoteIp;
    case 'PublicIP':
      return s.device.publicIp;
    case 'SenderIPv4':
      return s.remoteIp;
    case 'SenderIPv6':
      return `2603:10a6:${rng.hex(3)}:${rng.hex(2)}::${rng.hex(2)}`;
    case 'RemotePort':
    case 'DestinationPort':
      return s.remotePort;
    case 'LocalPort':
    case 'Port':
    case 'RequestSourcePort':
      return s.localPort;
    case 'RemoteIPType':
      return s.remoteIp.startsWith('10.') ? 'Private' : 'Public';
    case 'LocalIPType':
      return 'Private';
    case 'Protocol':
      return s.table.startsWith('Identity') || s.table === 'DeviceLogonEvents'
        ? rng.pick(['Kerberos', 'Ntlm', 'Ldap', 'Dns', 'Samr'])
        : rng.pick(['Tcp', 'Tcp', 'Udp']);
    case 'RequestProtocol':
      return rng.pick(['Local', 'Smb']);
    case 'RemoteUrl':
    case 'Url':
    case 'FileOriginUrl':
      return s.remoteUrl;
    case 'FileOriginReferrerUrl':
      return `https://${s.remoteDomain}/`;
    case 'UrlDomain':
      return s.remoteDomain;
    case 'UrlChain':
      return JSON.stringify([s.remoteUrl]);
    case 'UrlLocation':
      return rng.pick(['Body', 'Attachment', 'Subject', 'QRCode']);
    case 'EmailSubject':
    case 'Subject':
      return s.subject;
    case 'NetworkMessageId':
      return s.networkMessageId;
    case 'InternetMessageId':
      return `<${rng.hex(16).toUpperCase()}@${s.senderAddress.split('@')[1] ?? ORG_DOMAIN}>`;
    case 'SenderFromAddress':
    case 'SenderMailFromAddress':
      return s.senderAddress;
    case 'SenderFromDomain':
    case 'SenderMailFromDomain':
      return s.senderAddress.split('@')[1] ?? ORG_DOMAIN;
    case 'SenderDisplayName':
      return s.senderDisplayName;
    case 'SenderObjectId':
      return s.senderAddress.endsWith(ORG_DOMAIN) ? rng.guid() : null;
    case 'RecipientEmailAddress':
      return s.account.upn;
    case 'RecipientObjectId':
      return s.account.objectId;
    case 'EmailDirection':
      return s.senderAddress.endsWith(ORG_DOMAIN) ? 'Intra-org' : 'Inbound';
    case 'DeliveryAction':
    case 'LatestDeliveryAction':
      return rng.pick(['Delivered', 'Delivered', 'Junked', 'Blocked', 'Replaced']);
    case 'DeliveryLocation':
    case 'LatestDeliveryLocation':
      return rng.pick(['Inbox/folder', 'Junk folder', 'Quarantine', 'Deleted items', 'On-premises/external']);
    case 'ThreatTypes':
      return rng.pick(['', '', 'Phish', 'Malware', 'Spam', 'Phish, Spam']);
    case 'ThreatNames':
      return rng.pick(['', 'Trojan:Win32/Emotet', 'HTML/Phish.PQ!MTB']);
    case 'DetectionMethods':
      return rng.pick(['', '{"Phish":["URL detonation reputation"]}', '{"Malware":["File detonation"]}', '{"Spam":["Advanced filter"]}']);
    case 'ConfidenceLevel':
      return rng.pick(['', '{"Phish":"High","Spam":"Normal"}', '{"Spam":"Low"}']);
    case 'AuthenticationDetails':
      return JSON.stringify({
        SPF: rng.pick(['pass', 'fail', 'softfail']),
        DKIM: rng.pick(['pass', 'none']),
        DMARC: rng.pick(['pass', 'fail']),
        CompAuth: rng.pick(['pass', 'fail']),
      });
    case 'EmailLanguage':
      return rng.pick(['en', 'de', 'fr', 'es', 'ja']);
    case 'Connectors':
      return '';
    case 'EmailClusterId':
      return rng.int(1_000_000_000, 9_999_999_999);
    case 'BulkComplaintLevel':
      return rng.int(0, 9);
    case 'AttachmentCount':
      return rng.int(0, 3);
    case 'UrlCount':
      return rng.int(0, 12);
    case 'EmailAction':
    case 'OrgLevelAction':
    case 'UserLevelAction':
      return rng.pick(['Allow', 'Move to JMF', 'Quarantine', '']);
    case 'EmailActionPolicy':
    case 'OrgLevelPolicy':
    case 'UserLevelPolicy':
      return rng.pick(['Antiphish policy', 'Safe Attachments', 'Connection policy']);
    case 'EmailActionPolicyGuid':
      return rng.guid();
    case 'Action':
      return rng.pick(['Moved to quarantine', 'Soft delete', 'Move to junk folder']);
    case 'ActionTrigger':
      return rng.pick(['SpecialAction', 'AdminAction', 'ZAP']);
    case 'ActionResult':
      return rng.pick(['Success', 'Error', 'Unknown']);
    case 'Workload':
      return rng.pick(['Email', 'Teams', 'Office']);
    case 'IsClickedThrough':
      return rng.chance(0.1);
    case 'AlertId':
      return s.alertId;
    case 'Title':
      return s.alertTitle;
    case 'Category':
    case 'Categories':
      return name === 'Categories' ? JSON.stringify([rng.pick(ALERT_CATEGORIES)]) : rng.pick(ALERT_CATEGORIES);
    case 'AttackTechniques':
      return rng.pick(ATTACK_TECHNIQUES);
    case 'ServiceSource':
      return rng.pick(SERVICE_SOURCES);
    case 'DetectionSource':
      return rng.pick(DETECTION_SOURCES);
    case 'Severity':
      return rng.pick(SEVERITIES);
    case 'EntityType':
      return rng.pick(['Process', 'File', 'User', 'Machine', 'Ip', 'Url', 'MailMessage', 'Mailbox']);
    case 'EvidenceRole':
      return rng.pick(['Impacted', 'Related']);
    case 'EvidenceDirection':
      return rng.pick(['', 'Source', 'Destination']);
    case 'ThreatFamily':
      return rng.pick(THREAT_FAMILIES);
    case 'Application':
      return s.table.startsWith('Identity') ? 'Active Directory' : s.app[0];
    case 'ApplicationId':
      return s.app[1];
    case 'AppInstanceId':
      return rng.pick([0, 0, 1, 2]);
    case 'RegistryKey':
    case 'PreviousRegistryKey':
      return rng.pick(REGISTRY_KEYS);
    case 'RegistryValueName':
    case 'PreviousRegistryValueName':
      return rng.pick(REGISTRY_VALUE_NAMES);
    case 'RegistryValueType':
      return rng.pick(REGISTRY_VALUE_TYPES);
    case 'RegistryValueData':
    case 'PreviousRegistryValueData':
      return rng.pick(['1', '0', '"C:\\Users\\Public\\update.exe" /silent', '%ProgramFiles%\\Windows Defender\\MsMpEng.exe']);
    case 'ReportId':
      return s.table.startsWith('Device') ? rng.int(1, 40_000_000_000) : `${rng.guid()}-${rng.int(1000000000, 9999999999)}`;
    case 'LogonType':
      return rng.pick(['Interactive', 'Network', 'RemoteInteractive', 'Unlock', 'Batch', 'Service']);
    case 'LogonId':
      return s.process.logonId;
    case 'IsLocalAdmin':
    case 'IsAdminOperation':
      return rng.chance(0.15);
    case 'FailureReason':
      return rng.pick(['', 'InvalidUserNameOrPassword', 'AccountLocked']);
    case 'AdditionalFields':
      return additionalFields(s, rng);
    case 'LoggedOnUsers':
      return JSON.stringify([{ UserName: s.account.name, DomainName: s.account.domain.toUpperCase(), Sid: s.account.sid }]);
    case 'OSPlatform':
      return s.device.os.platform;
    case 'OSVersion':
      return s.device.os.version;
    case 'OSBuild':
      return s.device.os.build;
    case 'OSArchitecture':
      return rng.pick(['64-bit', '64-bit', 'arm64']);
    case 'OSDistribution':
      return s.device.os.platform.startsWith('Windows') ? 'Windows' : s.device.os.platform;
    case 'OSVersionInfo':
      return s.device.os.versionInfo;
    case 'ClientVersion':
      return `10.${rng.int(8000, 8800)}.${s.device.os.build}.${rng.int(1000, 9999)}`;
    case 'IsAzureADJoined':
      return rng.chance(0.7);
    case 'JoinType':
      return rng.pick(['Domain Joined', 'AAD Joined', 'Hybrid Azure AD Join']);
    case 'AadDeviceId':
      return s.device.aadDeviceId;
    case 'OnboardingStatus':
      return rng.pick(['Onboarded', 'Onboarded', 'Can be onboarded', 'Unsupported']);
    case 'DeviceCategory':
      return rng.pick(['Endpoint', 'NetworkDevice', 'IoT']);
    case 'DeviceType':
      return s.table === 'CloudAppEvents' || s.table.startsWith('Identity')
        ? rng.pick(['Desktop', 'Mobile', 'Unknown'])
        : rng.pick(['Workstation', 'Server', 'Laptop']);
    case 'DeviceSubtype':
      return '';
    case 'Model':
      return rng.pick(['Surface Laptop 5', 'Latitude 7440', 'Virtual Machine', 'ThinkPad T14']);
    case 'Vendor':
      return rng.pick(['Microsoft Corporation', 'Dell Inc.', 'LENOVO', 'VMware, Inc.']);
    case 'IsInternetFacing':
    case 'IsExcluded':
    case 'IsAnonymousProxy':
    case 'IsExternalUser':
    case 'IsImpersonated':
    case 'IsAzureInfoProtectionApplied':
    case 'IsInitiatingProcessRemoteSession':
    case 'IsProcessRemoteSession':
      return rng.chance(0.05);
    case 'IsSigned':
    case 'IsTrusted':
      return rng.chance(0.9);
    case 'IsRootSignerMicrosoft':
      return rng.chance(0.6);
    case 'SensorHealthState':
      return rng.pick(['Active', 'Active', 'Inactive', 'Misconfigured']);
    case 'ExposureLevel':
      return rng.pick(['Low', 'Medium', 'High', 'None']);
    case 'AssetValue':
      return rng.pick(['Normal', 'Normal', 'High', 'Low']);
    case 'ConnectivityType':
      return rng.pick(['Standard', 'Streamlined']);
    case 'NetworkAdapterName':
      return rng.pick(['Ethernet', 'Wi-Fi', 'eth0', 'vEthernet (Default Switch)']);
    case 'MacAddress':
      return s.device.mac;
    case 'NetworkAdapterType':
      return rng.pick(['Ethernet', 'Wireless80211', 'Tunnel']);
    case 'NetworkAdapterStatus':
      return rng.pick(['Up', 'Up', 'Down']);
    case 'NetworkAdapterVendor':
      return rng.pick(['Intel Corporation', 'Realtek', 'Microsoft']);
    case 'ConnectedNetworks':
      return JSON.stringify([{ Name: 'contoso.local', Category: 'Domain', IsConnectedToInternet: true }]);
    case 'DnsAddresses':
      return JSON.stringify(['10.0.0.4', '10.0.0.5']);
    case 'IPv4Dhcp':
      return '10.0.0.1';
    case 'DefaultGateways':
      return JSON.stringify(['10.0.0.1']);
    case 'IPAddresses':
      return JSON.stringify([{ IPAddress: s.device.ip, SubnetPrefix: 24, AddressType: 'Private' }]);
    case 'CountryCode':
      return s.country[0];
    case 'City':
      return s.country[1];
    case 'Isp':
    case 'ISP':
      return s.country[2];
    case 'Location':
      return `${s.country[1]}, ${s.country[0]}`;
    case 'UserAgent':
      return rng.pick(USER_AGENTS);
    case 'ActivityType':
      return rng.pick(['Download', 'Upload', 'Run', 'Edit', 'Login']);
    case 'ObjectName':
      return s.file.fileName;
    case 'ObjectType':
      return rng.pick(['File', 'Folder', 'Mailbox', 'User']);
    case 'ObjectId':
      return s.remoteUrl;
    case 'AccountType':
      return 'Regular';
    case 'IPCategory':
      return rng.pick(['', 'Corporate', 'Hosting']);
    case 'AuditSource':
      return rng.pick(['Defender for Cloud Apps access control', 'Defender for Cloud Apps']);
    case 'ActivityObjects':
      return [{ Type: 'File', Role: 'Target object', Name: s.file.fileName, Id: s.remoteUrl }];
    case 'IPTags':
      return rng.pick([[], ['Microsoft 365'], ['Anonymous proxy']]);
    case 'UserAgentTags':
      return rng.pick([[], ['Native client'], ['Outdated browser']]);
    case 'RawEventData':
      return {
        CreationTime: new Date(s.timestamp).toISOString().slice(0, 19),
        Operation: 'FileDownloaded',
        Workload: 'SharePoint',
        UserId: s.account.upn,
        ClientIP: s.remoteIp,
      };
    case 'LastSeenForUser':
    case 'UncommonForUser':
      return rng.pick([{}, { ISP: 30, CountryCode: -1 }, { ActionType: 0 }]);
    case 'SessionData':
      return { InteractiveTokenId: rng.hex(24), IsSessionCompromised: false };
    case 'QueryType':
      return rng.pick(['AllUsers', 'AllGroups', 'Dns', 'SamrQueryUser']);
    case 'QueryTarget':
      return rng.pick(['Domain Admins', s.remoteDevice.shortName.toUpperCase(), s.account.name]);
    case 'Query':
      return rng.pick(['(&(objectCategory=group)(name=Domain Admins))', `${s.remoteDomain}`, 'QueryUser']);
    case 'CertificateSerialNumber':
      return rng.hex(32);
    case 'Signer':
      return rng.pick(['Microsoft Windows', 'Microsoft Corporation', 'Google LLC', 'Contoso Ltd']);
    case 'SignerHash':
    case 'IssuerHash':
      return rng.hex(40);
    case 'Issuer':
      return rng.pick(['Microsoft Windows Production PCA 2011', 'DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1']);
    case 'SignatureType':
      return rng.pick(['Embedded', 'Catalog']);
    case 'CrlDistributionPointUrls':
      return JSON.stringify(['http://www.microsoft.com/pkiops/crl/MicWinProPCA2011_2011-10-19.crl']);
    case 'CertificateCreationTime':
      return isoTime(s.timestamp - rng.int(30, 900) * 86_400_000, rng);
    case 'CertificateExpirationTime':
      return isoTime(s.timestamp + rng.int(30, 900) * 86_400_000, rng);
    case 'CertificateCountersignatureTime':
      return isoTime(s.timestamp - rng.int(1, 300) * 86_400_000, rng);
    case 'CreatedProcessSessionId':
      return s.process.sessionId;
    case 'ShareName':
      return rng.pick(['ADMIN$', 'C$', 'share']);
    case 'SensitivityLabel':
    case 'SensitivitySubLabel':
      return rng.pick(['Confidential', 'General']);
    default:
      return newerColumnValue(name, s, rng);
  }
}

/** AdditionalFields: JSON about the event, as a JSON-encoded string (or, for a dynamic column, also an object). */
function additionalFields(s: Scene, rng: Prng): unknown {
  if (rng.chance(0.2)) return null;
  const fields: Record<string, unknown> = rng.pick([
    { CallerProcessID: s.initiating.pid },
    { IsLocalLogon: true, LogonType: 'Interactive' },
    { Count: rng.int(1, 40), Command: 'GetObject' },
    { FileType: 'Exe', IsMalicious: false },
    { Spn: `ldap/${s.remoteDevice.name}`, Upn: s.account.upn },
  ]);
  return fields;
}

/** Columns that Microsoft's table pages added after 2021 to the tables streamed since then. */
function newerColumnValue(name: string, s: Scene, rng: Prng): unknown {
  switch (name) {
    case 'LogonID':
      return null; // documented as living inside AdditionalFields, not at the top level
    case 'HardwareUuid':
      return guidFromHex(s.device.id, 1);
    case 'AzureVmId':
      return s.device.shortName.startsWith('srv') ? guidFromHex(s.device.id, 3) : '';
    case 'AzureVmSubscriptionId':
      return s.device.shortName.startsWith('srv') ? '3f2a1c4e-7b8d-4e9f-a0b1-c2d3e4f5a6b7' : '';
    case 'CloudPlatforms':
      return s.device.shortName.startsWith('srv') ? '["Azure"]' : '';
    case 'IsTransient':
      return rng.chance(0.02);
    case 'OsBuildRevision':
      return String(rng.int(1000, 5000));
    case 'DeviceRoles':
      return s.device.shortName.startsWith('dc') ? '["DomainController"]' : '';
    case 'DiscoverySources':
      return '["Microsoft Defender for Endpoint"]';
    case 'MitigationStatus':
    case 'Site':
    case 'DlpInfo':
      return '';
    case 'NetworkAdapterDnsSuffix':
      return 'contoso.local';
    case 'To':
      return s.account.upn;
    case 'Cc':
      return rng.chance(0.8) ? '' : rng.pick(['finance@contoso.com', 'it-support@contoso.com']);
    case 'RecipientDomain':
      return ORG_DOMAIN;
    case 'EmailSize':
      return rng.int(4_000, 2_500_000);
    case 'IsFirstContact':
      return s.senderAddress.endsWith(ORG_DOMAIN) ? 0 : rng.pick([0, 1]);
    case 'ThreatClassification':
      return rng.pick(['', '', 'Phish', 'Spam']);
    case 'OriginalThreatTypes':
    case 'OriginalDetectionMethods':
    case 'OriginalConfidenceLevel':
    case 'DistributionList':
    case 'ExchangeTransportRule':
    case 'ForwardingInformation':
    case 'Context':
    case 'Topics':
      return '';
    case 'SourceLocation':
      return rng.pick(['Inbox/folder', 'Junk folder']);
    case 'UrlChainId':
      return rng.chance(0.8) ? '' : s.networkMessageId;
    case 'UrlChainPosition':
      return 0;
    case 'AppName':
      return rng.pick(['Outlook', 'Teams', 'Word']);
    case 'AppVersion':
      return `16.0.${rng.int(17000, 18000)}.${rng.int(10000, 20000)}`;
    case 'TimeGenerated':
      return isoTime(s.timestamp, rng);
    case 'Type':
      return s.table;
    case 'SourceSystem':
    case 'SourceId':
    case 'TenantId':
      return '';
    default:
      return UNKNOWN;
  }
}
