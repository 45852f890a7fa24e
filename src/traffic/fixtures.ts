/** Plausible building blocks of Defender XDR data (fictional organisation "Contoso"). */

export const ORG_DOMAIN = 'contoso.com';
export const NETBIOS_DOMAIN = 'CONTOSO';

export const FIRST_NAMES = [
  'alex',
  'maria',
  'li',
  'fatima',
  'jonas',
  'priya',
  'diego',
  'sara',
  'omar',
  'yuki',
  'nina',
  'kwame',
  'elena',
  'tom',
  'aisha',
  'lucas',
] as const;
export const LAST_NAMES = [
  'wilber',
  'garcia',
  'chen',
  'haddad',
  'berg',
  'raman',
  'lopez',
  'nilsson',
  'farouk',
  'tanaka',
  'novak',
  'mensah',
  'rossi',
  'baker',
  'khan',
  'silva',
] as const;

export const DEVICE_PREFIXES = ['wks', 'lap', 'srv', 'dc', 'sql', 'web', 'vdi'] as const;
export const MACHINE_GROUPS = ['Workstations', 'Servers', 'Domain Controllers', 'Finance', 'UnassignedGroup'] as const;

export interface OsInfo {
  readonly platform: string;
  readonly version: string;
  readonly build: number;
  readonly versionInfo: string;
}
export const OS_LIST: readonly OsInfo[] = [
  { platform: 'Windows11', version: '10.0', build: 22631, versionInfo: '23H2' },
  { platform: 'Windows10', version: '10.0', build: 19045, versionInfo: '22H2' },
  { platform: 'WindowsServer2022', version: '10.0', build: 20348, versionInfo: '21H2' },
  { platform: 'WindowsServer2019', version: '10.0', build: 17763, versionInfo: '1809' },
  { platform: 'Linux', version: '22.04', build: 0, versionInfo: 'Ubuntu 22.04.4 LTS' },
  { platform: 'macOS', version: '14.4', build: 23, versionInfo: 'Sonoma' },
];

export interface ProcessInfo {
  readonly fileName: string;
  readonly folder: string;
  readonly company: string;
  readonly product: string;
  readonly version: string;
  readonly description: string;
  readonly commandLines: readonly string[];
}
export const PROCESSES: readonly ProcessInfo[] = [
  {
    fileName: 'powershell.exe',
    folder: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0',
    company: 'Microsoft Corporation',
    product: 'Microsoft® Windows® Operating System',
    version: '10.0.22621.3085',
    description: 'Windows PowerShell',
    commandLines: [
      'powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\\Scripts\\inventory.ps1',
      'powershell.exe -nop -w hidden -c "Get-Process | Sort-Object CPU -Descending | Select-Object -First 5"',
      '"powershell.exe" -Command "Invoke-WebRequest -Uri https://updates.contoso.com/agent.msi -OutFile $env:TEMP\\agent.msi"',
    ],
  },
  {
    fileName: 'cmd.exe',
    folder: 'C:\\Windows\\System32',
    company: 'Microsoft Corporation',
    product: 'Microsoft® Windows® Operating System',
    version: '10.0.22621.2506',
    description: 'Windows Command Processor',
    commandLines: [
      'cmd.exe /c whoami /all',
      'cmd.exe /c "net use Z: \\\\fs01.contoso.local\\share"',
      'cmd.exe /c ipconfig /all > %TEMP%\\net.txt',
    ],
  },
  {
    fileName: 'chrome.exe',
    folder: 'C:\\Program Files\\Google\\Chrome\\Application',
    company: 'Google LLC',
    product: 'Google Chrome',
    version: '124.0.6367.91',
    description: 'Google Chrome',
    commandLines: [
      '"chrome.exe" --type=renderer --lang=en-US --field-trial-handle=1804,i,8312',
      '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" https://portal.office.com',
    ],
  },
  {
    fileName: 'msedge.exe',
    folder: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application',
    company: 'Microsoft Corporation',
    product: 'Microsoft Edge',
    version: '124.0.2478.80',
    description: 'Microsoft Edge',
    commandLines: [
      '"msedge.exe" --single-argument https://contoso.sharepoint.com/sites/finance',
      '"msedge.exe" --type=utility --utility-sub-type=network.mojom.NetworkService',
    ],
  },
  {
    fileName: 'svchost.exe',
    folder: 'C:\\Windows\\System32',
    company: 'Microsoft Corporation',
    product: 'Microsoft® Windows® Operating System',
    version: '10.0.22621.1',
    description: 'Host Process for Windows Services',
    commandLines: ['svchost.exe -k netsvcs -p -s Schedule', 'svchost.exe -k LocalServiceNetworkRestricted -p'],
  },
  {
    fileName: 'rundll32.exe',
    folder: 'C:\\Windows\\System32',
    company: 'Microsoft Corporation',
    product: 'Microsoft® Windows® Operating System',
    version: '10.0.22621.1',
    description: 'Windows host process (Rundll32)',
    commandLines: [
      'rundll32.exe C:\\Windows\\System32\\shell32.dll,Control_RunDLL',
      'rundll32.exe "C:\\Users\\Public\\update.dll",DllRegisterServer',
    ],
  },
  {
    fileName: 'OUTLOOK.EXE',
    folder: 'C:\\Program Files\\Microsoft Office\\root\\Office16',
    company: 'Microsoft Corporation',
    product: 'Microsoft Outlook',
    version: '16.0.17328.20162',
    description: 'Microsoft Outlook',
    commandLines: ['"OUTLOOK.EXE" /recycle', '"OUTLOOK.EXE" /select outlook:Inbox'],
  },
  {
    fileName: 'WINWORD.EXE',
    folder: 'C:\\Program Files\\Microsoft Office\\root\\Office16',
    company: 'Microsoft Corporation',
    product: 'Microsoft Office',
    version: '16.0.17328.20162',
    description: 'Microsoft Word',
    commandLines: ['"WINWORD.EXE" /n "C:\\Users\\Public\\Documents\\Invoice_2024.docm" /o ""'],
  },
  {
    fileName: 'MsSense.exe',
    folder: 'C:\\Program Files\\Windows Defender Advanced Threat Protection',
    company: 'Microsoft Corporation',
    product: 'Microsoft® Windows® Operating System',
    version: '10.8760.22621.1234',
    description: 'Windows Defender Advanced Threat Protection Service Executable',
    commandLines: ['"MsSense.exe"'],
  },
  {
    fileName: 'explorer.exe',
    folder: 'C:\\Windows',
    company: 'Microsoft Corporation',
    product: 'Microsoft® Windows® Operating System',
    version: '10.0.22621.3155',
    description: 'Windows Explorer',
    commandLines: ['C:\\Windows\\Explorer.EXE'],
  },
  {
    fileName: 'python3',
    folder: '/usr/bin',
    company: '',
    product: 'Python',
    version: '3.10.12',
    description: 'Python interpreter',
    commandLines: ['python3 /opt/app/worker.py --queue jobs', '/usr/bin/python3 -m pip install --upgrade requests'],
  },
  {
    fileName: 'curl',
    folder: '/usr/bin',
    company: '',
    product: 'curl',
    version: '7.81.0',
    description: 'curl',
    commandLines: [
      'curl -fsSL https://packages.contoso.com/setup.sh -o /tmp/setup.sh',
      'curl -s http://169.254.169.254/metadata/instance?api-version=2021-02-01',
    ],
  },
];

export const PARENT_PROCESSES: readonly string[] = [
  'explorer.exe',
  'services.exe',
  'svchost.exe',
  'userinit.exe',
  'cmd.exe',
  'WmiPrvSE.exe',
  'bash',
  'systemd',
];

export const DROPPED_FILES = [
  'report_q3.xlsx',
  'setup.msi',
  'invoice_8841.pdf',
  'update.dll',
  'notes.txt',
  'payload.ps1',
  'archive.zip',
  'image001.png',
  'config.json',
  'tool.exe',
] as const;
export const USER_FOLDERS = [
  'Downloads',
  'Documents',
  'Desktop',
  'AppData\\Local\\Temp',
  'AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup',
] as const;

export const REGISTRY_KEYS = [
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
  'HKEY_CURRENT_USER\\S-1-5-21-1004336348-1177238915-682003330-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
  'HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\WinDefend',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\Real-Time Protection',
  'HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\Lsa',
] as const;
export const REGISTRY_VALUE_NAMES = ['Updater', 'DisableRealtimeMonitoring', 'Start', 'RunAsPPL', 'OneDrive', 'SecurityHealth'] as const;
export const REGISTRY_VALUE_TYPES = ['String', 'Dword', 'ExpandString', 'Binary', 'MultiString'] as const;

export const EXTERNAL_DOMAINS = [
  'login.microsoftonline.com',
  'graph.microsoft.com',
  'update.googleapis.com',
  'cdn.contoso-partner.net',
  'files.example-share.io',
  'news.example.org',
  'secure-login.example-phish.top',
  'api.github.com',
] as const;
export const URL_PATHS = [
  '/',
  '/login',
  '/common/oauth2/v2.0/authorize',
  '/download/setup.exe',
  '/invoice/8841?ref=mail',
  '/v1.0/me/messages',
  '/wp-admin/',
  '/assets/app.js',
] as const;

export const EMAIL_SUBJECTS = [
  'Quarterly results: draft for review',
  'Action required: your password expires today',
  'Invoice #8841 overdue',
  'Team offsite agenda',
  'RE: Contract renewal',
  'Shared document: Budget 2025.xlsx',
  'Your package could not be delivered',
  'Weekly security digest',
  'Fwd: Updated payroll details',
] as const;
export const EXTERNAL_SENDER_DOMAINS = [
  'fabrikam.com',
  'tailspintoys.com',
  'example-billing.top',
  'northwindtraders.com',
  'mail.example.net',
] as const;

export const COUNTRIES: readonly (readonly [string, string, string])[] = [
  ['US', 'Seattle', 'Microsoft Corporation'],
  ['DE', 'Berlin', 'Deutsche Telekom AG'],
  ['GB', 'London', 'British Telecommunications PLC'],
  ['IN', 'Bengaluru', 'Bharti Airtel'],
  ['BR', 'Sao Paulo', 'Claro S.A.'],
  ['NL', 'Amsterdam', 'DigitalOcean LLC'],
];

export const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)',
  'python-requests/2.31.0',
] as const;

export const ALERT_TITLES = [
  'Suspicious PowerShell command line',
  'Possible credential theft activity',
  'Email messages containing malicious URL removed after delivery',
  'Suspicious process injection observed',
  'Anomalous token usage',
  'Ransomware behavior detected in the file system',
] as const;
export const ALERT_CATEGORIES = [
  'Execution',
  'CredentialAccess',
  'InitialAccess',
  'DefenseEvasion',
  'Persistence',
  'Impact',
  'LateralMovement',
] as const;
export const ATTACK_TECHNIQUES = [
  '["PowerShell (T1059.001)"]',
  '["OS Credential Dumping (T1003)","LSASS Memory (T1003.001)"]',
  '["Phishing (T1566)","Spearphishing Link (T1566.002)"]',
  '["Process Injection (T1055)"]',
  '[]',
] as const;
export const SERVICE_SOURCES = [
  'Microsoft Defender for Endpoint',
  'Microsoft Defender for Office 365',
  'Microsoft Defender for Identity',
  'Microsoft Defender for Cloud Apps',
  'Microsoft Defender XDR',
] as const;
export const DETECTION_SOURCES = [
  'EDR',
  'Antivirus',
  'Microsoft Defender for Office 365',
  'Custom detection',
  'Automated investigation',
] as const;
export const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'] as const;
export const THREAT_FAMILIES = ['Emotet', 'Qakbot', 'Mimikatz', 'CobaltStrike', 'AgentTesla'] as const;

export const CLOUD_APPS: readonly (readonly [string, number])[] = [
  ['Microsoft Exchange Online', 20893],
  ['Microsoft SharePoint Online', 20892],
  ['Microsoft OneDrive for Business', 15600],
  ['Microsoft Teams', 28375],
  ['Microsoft Azure', 12260],
  ['Dropbox', 11627],
];

/** ActionType values per table (taken from the public documentation's examples). */
export const ACTION_TYPES: Readonly<Record<string, readonly string[]>> = {
  CloudAppEvents: ['FileDownloaded', 'FileUploaded', 'MailItemsAccessed', 'Add member to role.', 'New-InboxRule', 'FileAccessed'],
  DeviceEvents: [
    'AntivirusDetection',
    'PowerShellCommand',
    'AsrOfficeChildProcessBlocked',
    'UsbDriveMounted',
    'ScheduledTaskCreated',
    'DnsQueryResponse',
    'ExploitGuardNetworkProtectionBlocked',
  ],
  DeviceFileEvents: ['FileCreated', 'FileModified', 'FileDeleted', 'FileRenamed'],
  DeviceImageLoadEvents: ['ImageLoaded'],
  DeviceLogonEvents: ['LogonSuccess', 'LogonFailed', 'LogonAttempted'],
  DeviceNetworkEvents: [
    'ConnectionSuccess',
    'ConnectionFailed',
    'InboundConnectionAccepted',
    'ListeningConnectionCreated',
    'ConnectionRequest',
  ],
  DeviceProcessEvents: ['ProcessCreated'],
  DeviceRegistryEvents: ['RegistryValueSet', 'RegistryKeyCreated', 'RegistryValueDeleted', 'RegistryKeyDeleted'],
  EmailPostDeliveryEvents: ['Phish ZAP', 'Malware ZAP', 'Manual Remediation', 'Redelivery'],
  IdentityLogonEvents: ['LogonSuccess', 'LogonFailed'],
  IdentityQueryEvents: ['LDAP query', 'DNS query', 'SAMR query', 'SMB session enumeration'],
  IdentityDirectoryEvents: ['Account Password changed', 'Group Membership changed', 'Account enabled', 'Directory Services replication'],
  UrlClickEvents: ['ClickAllowed', 'ClickBlocked', 'UrlScanInProgress', 'ClickBlockedByTenantPolicy'],
};
