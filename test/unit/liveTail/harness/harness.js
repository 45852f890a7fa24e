// Test/bench harness for the Live Tail page (loaded before the page bundle, with the page's nonce).
// Stubs acquireVsCodeApi like VS Code does, records what the page posts, keeps its state in
// sessionStorage (so a reload restores it, as VS Code does), and posts batches like the extension.
(function () {
  'use strict';
  const sent = [];
  const violations = [];
  window.__sent = sent;
  window.__cspViolations = violations;
  document.addEventListener('securitypolicyviolation', (e) =>
    violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`),
  );
  let acquired = false;
  window.acquireVsCodeApi = function () {
    if (acquired) throw new Error('acquireVsCodeApi may be called once');
    acquired = true;
    return {
      postMessage: (m) => sent.push(JSON.parse(JSON.stringify(m))),
      getState: () => {
        const s = sessionStorage.getItem('state');
        return s ? JSON.parse(s) : undefined;
      },
      setState: (s) => sessionStorage.setItem('state', JSON.stringify(s)),
    };
  };

  const TABLES = ['DeviceProcessEvents', 'DeviceNetworkEvents', 'EmailEvents', 'IdentityLogonEvents', 'AlertInfo', 'DeviceFileEvents'];
  const KNOWN = [
    'AlertEvidence',
    'AlertInfo',
    'CloudAppEvents',
    'DeviceEvents',
    'DeviceFileCertificateInfo',
    'DeviceFileEvents',
    'DeviceImageLoadEvents',
    'DeviceInfo',
    'DeviceLogonEvents',
    'DeviceNetworkEvents',
    'DeviceNetworkInfo',
    'DeviceProcessEvents',
    'DeviceRegistryEvents',
    'EmailAttachmentInfo',
    'EmailEvents',
    'EmailPostDeliveryEvents',
    'EmailUrlInfo',
    'IdentityDirectoryEvents',
    'IdentityLogonEvents',
    'IdentityQueryEvents',
    'UrlClickEvents',
  ];
  const counts = new Map();
  let received = 0;
  let malformed = 0;

  function record(id, table, commandLine) {
    const t = new Date(Date.UTC(2026, 10, 25, 10, 0, 0) + id * 7).toISOString();
    return {
      time: t,
      tenantId: '00000000-1111-2222-3333-444444444444',
      operationName: 'Publish',
      category: 'AdvancedHunting-' + table,
      _TimeReceivedBySvc: t,
      properties: {
        Timestamp: t,
        DeviceId: 'd1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0',
        DeviceName: 'host-' + (id % 97) + '.contoso.local',
        ActionType: 'ProcessCreated',
        FileName: 'powershell.exe',
        FolderPath: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
        SHA1: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0',
        SHA256: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0a1b2c3d4e5f6a7b8c9d0e1f2',
        ProcessCommandLine: commandLine,
        AccountName: 'alice',
        AccountDomain: 'CONTOSO',
        AccountUpn: 'alice@contoso.com',
        InitiatingProcessFileName: 'explorer.exe',
        InitiatingProcessCommandLine: 'explorer.exe',
        InitiatingProcessId: 4242 + (id % 100),
        ReportId: 18984951960 + id,
        MachineGroup: 'Servers',
        AdditionalFields: '{"CallerProcessID":4248}',
        Subject: 'Quarterly report ' + id,
        SenderFromAddress: 'bob@fabrikam.com',
      },
    };
  }

  // JSON built by concatenating pre-serialised parts (fast enough to generate 100,000 records in the page).
  const PLACEHOLDER = /"@@RID@@"|@@(TABLE|CMD|TIME|HOST|ID)@@/g;
  const TEMPLATE = JSON.stringify(Object.assign(record(0, '@@TABLE@@', '@@CMD@@'), {}))
    .replaceAll('2026-11-25T10:00:00.000Z', '@@TIME@@')
    .replace('host-0.', '@@HOST@@.')
    .replace('Quarterly report 0', 'Quarterly report @@ID@@')
    .replace('"ReportId":18984951960', '"ReportId":"@@RID@@"');
  const TIME0 = Date.UTC(2026, 10, 25, 10, 0, 0);
  const PARTS = TEMPLATE.split(PLACEHOLDER).filter((_, i) => i % 2 === 0);
  const SLOTS = Array.from(TEMPLATE.matchAll(PLACEHOLDER), (m) => m[0]);
  function fastJson(id, table, cmd, time) {
    const values = {
      '@@TABLE@@': table,
      '@@CMD@@': JSON.stringify(cmd).slice(1, -1),
      '@@TIME@@': time,
      '@@HOST@@': 'host-' + (id % 97),
      '@@ID@@': String(id),
      '"@@RID@@"': String(18984951960 + id),
    };
    let out = PARTS[0];
    for (let i = 0; i < SLOTS.length; i++) out += values[SLOTS[i]] + PARTS[i + 1];
    return out;
  }

  function entry(id, options) {
    const table = options && options.table ? options.table : TABLES[id % TABLES.length];
    const cmd = options && options.commandLine !== undefined ? options.commandLine : 'powershell.exe -NoProfile -Command Get-Process ' + id;
    const time = new Date(TIME0 + id * 7).toISOString();
    counts.set(table, (counts.get(table) || 0) + 1);
    received++;
    return {
      id,
      kind: 'record',
      time,
      table,
      known: KNOWN.includes(table),
      summary: (options && options.summary) || 'host-' + (id % 97) + '.contoso.local ProcessCreated ' + cmd,
      partition: String(id % 4),
      seq: Math.floor(id / 4),
      json: fastJson(id, table, cmd, time),
    };
  }

  function smallEntry(id) {
    const table = TABLES[id % TABLES.length];
    counts.set(table, (counts.get(table) || 0) + 1);
    received++;
    return {
      id,
      kind: 'record',
      time: new Date(TIME0 + id * 7).toISOString(),
      table,
      known: true,
      summary: 'Get-Process ' + id,
      partition: String(id % 4),
      seq: Math.floor(id / 4),
      json: '{"id":' + id + '}',
    };
  }

  function malformedEntry(id, reason, preview) {
    malformed++;
    return {
      id,
      kind: 'malformed',
      time: new Date(Date.UTC(2026, 10, 25, 10)).toISOString(),
      table: '',
      known: false,
      summary: reason + ': The message body is not valid JSON.',
      partition: '1',
      seq: id,
      json: preview,
      reason,
    };
  }

  function stats() {
    return {
      receivedRecords: received,
      receivedEvents: Math.ceil(received / 20),
      malformed,
      dropped: 0,
      rate: 5000,
      tables: Array.from(counts, ([table, records]) => ({ table, known: KNOWN.includes(table), records, rate: 0 })),
    };
  }

  let nextId = 1;
  const harness = {
    TABLES,
    entry,
    malformedEntry,
    post(message) {
      window.postMessage(message, '*');
    },
    init(capacity, extra) {
      harness.post(
        Object.assign(
          {
            type: 'init',
            hub: { configId: 'cfg-1', hubName: 'hub-a' },
            hubLabel: 'Test NS / hub-a',
            startPosition: 'from latest',
            capacity,
            knownTables: KNOWN,
            paused: false,
          },
          extra || {},
        ),
      );
    },
    /**
     * Posts `n` generated records (in batches of at most `perBatch`, like the extension). `small`: a
     * short JSON instead of a realistic ~1 KB record (for tests about row counts, not about size).
     */
    feed(n, perBatch, reset, small) {
      perBatch = perBatch || 5000;
      let first = true;
      while (n > 0) {
        const k = Math.min(n, perBatch);
        const entries = new Array(k);
        for (let i = 0; i < k; i++) entries[i] = small ? smallEntry(nextId++) : entry(nextId++);
        harness.batch(entries, first && !!reset);
        first = false;
        n -= k;
      }
    },
    batch(entries, reset) {
      harness.post({ type: 'batch', reset: !!reset, entries, stats: stats(), connection: { kind: 'live' }, paused: false });
    },
    /** Resolves after `n` animation frames. */
    frames(n) {
      return new Promise((resolve) => {
        let left = n;
        const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      });
    },
    nextId() {
      return nextId++;
    },
    /** Streams `perSecond` records in 10 batches a second for `seconds`; resolves when done. */
    stream(perSecond, seconds) {
      const perBatch = Math.round(perSecond / 10);
      const end = performance.now() + seconds * 1000;
      return new Promise((resolve) => {
        const timer = setInterval(() => {
          harness.feed(perBatch, perBatch, false);
          if (performance.now() >= end) {
            clearInterval(timer);
            resolve();
          }
        }, 100);
      });
    },
  };
  /**
   * Streams like `stream` while measuring: frame times (requestAnimationFrame deltas), long tasks
   * (PerformanceObserver "longtask") and the most row elements seen in the list.
   */
  harness.measure = function (perSecond, seconds) {
    return new Promise((resolve) => {
      const deltas = [];
      const tasks = [];
      let domRows = 0;
      let last = 0;
      let running = true;
      const spacer = document.querySelector('.grid-spacer');
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push(e.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      const onFrame = (now) => {
        deltas.push(now - last);
        last = now;
        domRows = Math.max(domRows, spacer.childElementCount);
        if (running) requestAnimationFrame(onFrame);
      };
      requestAnimationFrame((now) => {
        last = now;
        requestAnimationFrame(onFrame);
      });
      harness.stream(perSecond, seconds).then(() => {
        running = false;
        observer.disconnect();
        const sorted = deltas.slice().sort((a, b) => a - b);
        resolve({
          frames: deltas.length,
          p95FrameMs: sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] : 0,
          maxFrameMs: sorted.length ? sorted[sorted.length - 1] : 0,
          longestTaskMs: tasks.length ? Math.max.apply(null, tasks) : 0,
          longTasks: tasks.length,
          domRows,
          shown: (document.querySelector('#total-shown') || {}).textContent || '',
        });
      });
    });
  };
  window.__harness = harness;
})();
