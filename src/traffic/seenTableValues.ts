// Values for the tables that real streams carry although Microsoft's streaming page (2021) does not list
// them: IdentityInfo, Behavior*, Cloud* and the Teams Message* tables. Columns these tables share with
// the others (Timestamp, ReportId, Account*, ThreatTypes...) fall through to the common rules.
import { ORG_DOMAIN } from './fixtures';
import type { Prng } from './prng';
import type { Scene } from './scene';
import { isoTime, UNKNOWN } from './valueKit';

export const SEEN_TABLE_NAMES: ReadonlySet<string> = new Set([
  'IdentityInfo',
  'BehaviorInfo',
  'BehaviorEntities',
  'CloudAuditEvents',
  'CloudProcessEvents',
  'CloudStorageAggregatedEvents',
  'MessageEvents',
  'MessageUrlInfo',
  'MessagePostDeliveryEvents',
]);

const DEPARTMENTS = ['Finance', 'IT', 'Sales', 'HR', 'Engineering', 'Legal'] as const;
const JOB_TITLES = ['Analyst', 'Engineer', 'Manager', 'Accountant', 'Administrator'] as const;
const REGIONS = ['westeurope', 'eastus', 'northeurope', 'eu-west-1', 'us-central1'] as const;
const BEHAVIORS = [
  ['ImpossibleTravelActivity', 'Impossible travel activity', 'InitialAccess'],
  ['MassDownload', 'Mass download by a single user', 'Exfiltration'],
  ['UnusualAdditionOfCredentialsToAnOauthApp', 'Unusual addition of credentials to an OAuth app', 'Persistence'],
  ['SuspiciousInboxManipulationRule', 'Suspicious inbox manipulation rule', 'DefenseEvasion'],
] as const;
const CONTAINERS = [
  ['mcr.microsoft.com/oss/nginx/nginx:1.25.3', 'web', '/usr/sbin/nginx', 'nginx -g daemon off;'],
  ['docker.io/library/python:3.12-slim', 'worker', '/usr/local/bin/python3.12', 'python3 /app/worker.py --queue jobs'],
  ['contoso.azurecr.io/payments-api:2.4.1', 'api', '/bin/sh', 'sh -c curl -s http://169.254.169.254/metadata/instance'],
] as const;

function subscription(rng: Prng): string {
  return rng.pick(['3f2a1c4e-7b8d-4e9f-a0b1-c2d3e4f5a6b7', '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b']);
}

function azureResource(s: Scene, rng: Prng, type: string, name: string): string {
  return `/subscriptions/${subscription(rng)}/resourceGroups/rg-${s.device.shortName.split('-')[0]}/providers/${type}/${name}`;
}

function teamsMessageId(s: Scene): string {
  return String(s.timestamp);
}

function recipients(s: Scene): unknown {
  return [{ RecipientObjectId: s.account.objectId, RecipientSmtpAddress: s.account.upn, RecipientType: 'User' }];
}

/** A value for `name` in one of the tables of SEEN_TABLE_NAMES, or UNKNOWN for the common rules. */
export function seenTableValue(name: string, s: Scene, rng: Prng): unknown {
  switch (s.table) {
    case 'IdentityInfo':
      return identityInfo(name, s, rng);
    case 'BehaviorInfo':
    case 'BehaviorEntities':
      return behavior(name, s, rng);
    case 'CloudAuditEvents':
      return cloudAudit(name, s, rng);
    case 'CloudProcessEvents':
      return cloudProcess(name, s, rng);
    case 'CloudStorageAggregatedEvents':
      return cloudStorage(name, s, rng);
    default:
      return teamsMessage(name, s, rng);
  }
}

function identityInfo(name: string, s: Scene, rng: Prng): unknown {
  const [given, surname] = s.account.displayName.split(' ');
  switch (name) {
    case 'OnPremSid':
      return s.account.sid;
    case 'CloudSid':
      return `S-1-12-1-${rng.int(100000000, 4294967295)}-${rng.int(100000000, 4294967295)}`;
    case 'CriticalityLevel':
      return rng.pick([0, 0, 0, 1, 3]);
    case 'Type':
      return 'User';
    case 'DistinguishedName':
      return `CN=${s.account.displayName},OU=Users,DC=contoso,DC=local`;
    case 'GivenName':
      return given;
    case 'Surname':
      return surname ?? '';
    case 'Department':
      return rng.pick(DEPARTMENTS);
    case 'JobTitle':
      return rng.pick(JOB_TITLES);
    case 'EmailAddress':
      return s.account.upn;
    case 'SipProxyAddress':
      return `sip:${s.account.upn}`;
    case 'Address':
      return rng.pick(['', '1 Microsoft Way']);
    case 'Country':
      return s.country[0];
    case 'IsAccountEnabled':
      return rng.chance(0.95);
    case 'Manager':
      return rng.pick(['', 'Megan Bowen', 'Nestor Wilke']);
    case 'Phone':
      return `+1 425 555 ${String(rng.int(0, 9999)).padStart(4, '0')}`;
    case 'CreatedDateTime':
      return isoTime(s.timestamp - rng.int(30, 2_000) * 86_400_000, rng);
    case 'DeletedDateTime':
      return isoTime(s.timestamp + 365 * 86_400_000, rng);
    case 'ChangeSource':
      return rng.pick(['AzureActiveDirectory', 'ActiveDirectory']);
    case 'BlastRadius':
      return rng.pick(['Low', 'Medium', 'High']);
    case 'CompanyName':
      return 'Contoso';
    case 'EmployeeId':
      return String(rng.int(10000, 99999));
    case 'OtherMailAddresses':
      return [];
    case 'RiskLevel':
      return rng.pick(['None', 'None', 'Low', 'Medium']);
    case 'RiskLevelDetails':
      return rng.pick(['none', 'userPerformedSecuredPasswordReset']);
    case 'RiskStatus':
      return rng.pick(['None', 'Remediated', 'AtRisk']);
    case 'State':
      return rng.pick(['', 'WA']);
    case 'Tags':
      return rng.pick([[], ['Sensitive']]);
    case 'AssignedRoles':
      return rng.pick([[], [], ['Global Reader'], ['Security Administrator']]);
    case 'PrivilegedEntraPimRoles':
      return [];
    case 'OnPremObjectId':
      return rng.guid();
    case 'TenantMembershipType':
      return 'Member';
    case 'UserAccountControl':
      return '["NormalAccount","DontExpirePassword"]';
    case 'IdentityEnvironment':
      return rng.pick(['Hybrid', 'Cloud', 'On-Premises']);
    case 'SourceProviders':
      return ['ActiveDirectory', 'AzureActiveDirectory'];
    case 'GroupMembership':
      return ['Domain Users', rng.pick(DEPARTMENTS)];
    case 'SourceSystem':
      return '';
    default:
      return UNKNOWN;
  }
}

function behavior(name: string, s: Scene, rng: Prng): unknown {
  const [actionType, title, category] = BEHAVIORS[s.timestamp % BEHAVIORS.length];
  switch (name) {
    case 'BehaviorId':
      return `ba${String(s.timestamp % 1e9).padStart(9, '0')}${s.alertId.slice(-6).replace(/\D/g, '0')}`;
    case 'ActionType':
      return actionType;
    case 'Title':
      return title;
    case 'Description':
      return `${title} involving ${s.account.upn}.`;
    case 'Categories':
      return JSON.stringify([category]);
    case 'ServiceSource':
      return 'Microsoft Defender for Cloud Apps';
    case 'DetectionSource':
      return 'Cloud App Security';
    case 'DataSources':
      return JSON.stringify(['Microsoft Defender for Cloud Apps']);
    case 'StartTime':
      return isoTime(s.timestamp - rng.int(60_000, 3_600_000), rng);
    case 'EndTime':
      return isoTime(s.timestamp, rng);
    case 'EntityType':
      return rng.pick(['User', 'Ip', 'CloudApplication', 'Mailbox']);
    case 'EntityRole':
      return rng.pick(['Impacted', 'Related']);
    case 'DetailedEntityRole':
      return rng.pick(['', 'Source', 'Destination']);
    case 'CloudPlatform':
      return rng.pick(['', 'Azure']);
    case 'CloudResourceType':
    case 'CloudResourceId':
    case 'CloudSubscriptionId':
      return '';
    case 'EmailClusterId':
      return '';
    default:
      return UNKNOWN;
  }
}

function cloudAudit(name: string, s: Scene, rng: Prng): unknown {
  switch (name) {
    case 'DataSource':
      return rng.pick(['Azure Resource Manager', 'Azure Resource Manager', 'AWS CloudTrail']);
    case 'ActionType':
      return rng.pick(['AzureResourceManagerControl', 'AwsManagementEvent']);
    case 'OperationName':
      return rng.pick([
        'Microsoft.Compute/virtualMachines/write',
        'Microsoft.Authorization/roleAssignments/write',
        'Microsoft.Storage/storageAccounts/listKeys/action',
      ]);
    case 'ResourceId':
      return azureResource(s, rng, 'Microsoft.Compute/virtualMachines', s.device.shortName);
    case 'IPAddress':
      return s.remoteIp;
    case 'RawEventData':
      return { caller: s.account.upn, level: 'Informational', status: { value: 'Succeeded' } };
    case 'AdditionalFields':
      return { Category: 'Administrative' };
    default:
      return UNKNOWN;
  }
}

function cloudProcess(name: string, s: Scene, rng: Prng): unknown {
  const [image, container, path, commandLine] = CONTAINERS[s.parentPid % CONTAINERS.length];
  const processName = path.slice(path.lastIndexOf('/') + 1);
  switch (name) {
    case 'AzureResourceId':
      return azureResource(s, rng, 'Microsoft.ContainerService/managedClusters', 'aks-prod');
    case 'AwsResourceName':
    case 'GcpFullResourceName':
      return '';
    case 'ContainerImageName':
      return image;
    case 'KubernetesNamespace':
      return rng.pick(['default', 'payments', 'kube-system']);
    case 'KubernetesPodName':
      return `${container}-${rng.hex(10)}-${rng.hex(5)}`;
    case 'KubernetesResource':
      return `deployment/${container}`;
    case 'ContainerName':
      return container;
    case 'ContainerId':
      return rng.hex(64);
    case 'ActionType':
      return 'ProcessCreated';
    case 'FileName':
    case 'ProcessName':
      return processName;
    case 'FolderPath':
      return path;
    case 'ParentProcessName':
      return rng.pick(['containerd-shim', 'sh', 'bash']);
    case 'ParentProcessId':
    case 'InitiatingProcessId':
      return String(s.parentPid);
    case 'ProcessCommandLine':
      return commandLine;
    case 'ProcessCurrentWorkingDirectory':
      return rng.pick(['/', '/app']);
    case 'AccountName':
      return rng.pick(['root', 'app']);
    case 'ImageDigest':
      return `sha256:${rng.hex(64)}`;
    case 'AgentId':
      return rng.guid();
    case 'Region':
      return rng.pick(REGIONS);
    case 'HostName':
      return `aks-nodepool1-${rng.int(10000000, 99999999)}-vmss00000${rng.int(0, 9)}`;
    default:
      return UNKNOWN;
  }
}

function cloudStorage(name: string, s: Scene, rng: Prng): unknown {
  // One hour of operations, all successful (the scene's local port gives a stable count per record).
  const operations = 1 + (s.localPort % 400);
  switch (name) {
    case 'DataAggregationStartTime':
      return isoTime(s.timestamp - 3_600_000, rng);
    case 'DataAggregationEndTime':
      return isoTime(s.timestamp, rng);
    case 'DataSource':
      return 'Azure Storage';
    case 'SubscriptionId':
      return subscription(rng);
    case 'ResourceGroup':
      return 'rg-storage';
    case 'StorageAccount':
      return rng.pick(['contosodata', 'contosobackups']);
    case 'StorageContainer':
      return rng.pick(['exports', 'invoices', '$logs']);
    case 'StorageFileShare':
      return '';
    case 'ServiceType':
      return 'Blob';
    case 'IpAddress':
      return s.remoteIp;
    case 'UserAgentHeader':
      return rng.pick(['AzCopy/10.22.0 Azure-Storage/0.1', 'azsdk-python-storage-blob/12.19.0']);
    case 'OperationNamesList':
      return rng.pick([['GetBlob'], ['GetBlob', 'ListBlobs'], ['PutBlob']]);
    case 'AuthenticationType':
      return rng.pick(['OAuth', 'AccountKey', 'SAS']);
    case 'AccountTenantId':
    case 'AccountType':
      return 0;
    case 'AccountApplicationId':
      return rng.pick(['', rng.guid()]);
    case 'OperationsCount':
      return operations;
    case 'SuccessfulOperationsCount':
    case 'SuccessfulReadOperations':
      return operations;
    case 'FailedOperationsCount':
      return 0;
    case 'TotalResponseLength':
      return rng.int(1_000, 50_000_000);
    case 'DistinctGetOperations':
      return rng.int(1, operations);
    case 'AnonymousSuccessfulOperations':
      return 0;
    case 'HasAnonymousResourceNotFoundFailures':
      return false;
    case 'Md5Hashes':
      return [];
    case 'AzureResourceId':
      return azureResource(s, rng, 'Microsoft.Storage/storageAccounts', 'contosodata');
    case 'Location':
      return rng.pick(REGIONS);
    case 'ActionType':
      return 'BlobOperationsAggregated';
    case 'AdditionalFields':
      return {};
    default:
      return UNKNOWN;
  }
}

function teamsMessage(name: string, s: Scene, rng: Prng): unknown {
  switch (name) {
    case 'TeamsMessageId':
    case 'MessageId':
      return teamsMessageId(s);
    case 'LastEditedTime':
      return '';
    case 'SenderEmailAddress':
      return s.senderAddress;
    case 'SenderType':
      return s.senderAddress.endsWith(ORG_DOMAIN) ? 'Internal' : 'External';
    case 'RecipientDetails':
      return recipients(s);
    case 'IsOwnedThread':
      return rng.chance(0.5);
    case 'ParentMessageId':
      return rng.chance(0.7) ? '' : String(s.timestamp - rng.int(1_000, 600_000));
    case 'GroupId':
    case 'GroupName':
      return '';
    case 'ThreadId':
      return `19:${rng.hex(32)}@thread.v2`;
    case 'ThreadSubtype':
      return rng.pick(['OneOnOneChat', 'GroupChat', 'Channel']);
    case 'IsExternalThread':
      return !s.senderAddress.endsWith(ORG_DOMAIN);
    case 'MessageFormatType':
      return 'RichText';
    case 'MessageFormatSubtype':
      return 'Html';
    case 'MessageVersion':
      return String(s.timestamp);
    case 'MessageSubject':
      return '';
    case 'DetectionMethods':
      return s.table === 'MessageEvents' ? rng.pick([{}, { Phish: ['URL detonation reputation'] }]) : UNKNOWN;
    case 'ConfidenceLevel':
      return rng.pick([{}, { Phish: 'High' }]);
    case 'DeliveryAction':
      return rng.pick(['Delivered', 'Delivered', 'Blocked']);
    case 'DeliveryLocation':
    case 'LatestDeliveryLocation':
      return rng.pick(['Teams', 'Quarantine']);
    case 'ActionType':
      return rng.pick(['Phish ZAP', 'Malware ZAP']);
    case 'SafetyTip':
      return rng.pick(['', 'External sender']);
    default:
      return UNKNOWN;
  }
}
