// @ts-check
// Test-only helper extension: answers the e2e harness through files in $DSE_PROBE_DIR.
// Request  <id>.req.json  {"method": "...", "args": [...]}
// Response <id>.res.json  {"ok": true, "value": ...} or {"ok": false, "error": "..."}
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const severities = ['error', 'warning', 'information', 'hint'];

function range(r) {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

/** @type {Record<string, (...args: any[]) => unknown>} */
const methods = {
  ping: () => 'pong',
  extension: (id) => {
    const ext = vscode.extensions.getExtension(id);
    return ext ? { id: ext.id, isActive: ext.isActive, version: ext.packageJSON.version, extensionPath: ext.extensionPath } : undefined;
  },
  activate: async (id) => {
    const ext = vscode.extensions.getExtension(id);
    if (!ext) throw new Error(`extension ${id} is not installed`);
    await ext.activate();
    return ext.isActive;
  },
  commands: () => vscode.commands.getCommands(true),
  executeCommand: async (id, ...args) => {
    const result = await vscode.commands.executeCommand(id, ...args);
    try {
      return JSON.parse(JSON.stringify(result ?? null));
    } catch {
      return String(result);
    }
  },
  configuration: (section, key) => {
    const inspected = vscode.workspace.getConfiguration(section).inspect(key);
    return inspected
      ? {
          defaultValue: inspected.defaultValue,
          globalValue: inspected.globalValue,
          workspaceValue: inspected.workspaceValue,
          value: vscode.workspace.getConfiguration(section).get(key),
        }
      : undefined;
  },
  activeEditor: () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const doc = editor.document;
    return {
      uri: doc.uri.toString(),
      languageId: doc.languageId,
      isUntitled: doc.isUntitled,
      isDirty: doc.isDirty,
      lineCount: doc.lineCount,
      text: doc.getText(),
    };
  },
  visibleEditors: () =>
    vscode.window.visibleTextEditors.map((e) => ({ uri: e.document.uri.toString(), languageId: e.document.languageId })),
  documents: () =>
    vscode.workspace.textDocuments.map((d) => ({
      uri: d.uri.toString(),
      languageId: d.languageId,
      lineCount: d.lineCount,
      isUntitled: d.isUntitled,
    })),
  diagnostics: () =>
    vscode.languages.getDiagnostics().flatMap(([uri, list]) =>
      list.map((d) => ({
        uri: uri.toString(),
        range: range(d.range),
        severity: severities[d.severity],
        message: d.message,
        source: d.source,
        code: typeof d.code === 'object' && d.code ? d.code.value : d.code,
      })),
    ),
  workspaceFolders: () => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()),
  env: (name) => process.env[name],
  // Prompts for exercising the harness's own page objects against the real UI.
  showMessage: (kind, text, ...buttons) =>
    kind === 'error'
      ? vscode.window.showErrorMessage(text, ...buttons)
      : kind === 'warning'
        ? vscode.window.showWarningMessage(text, ...buttons)
        : vscode.window.showInformationMessage(text, ...buttons),
  showQuickPick: (items, options) => vscode.window.showQuickPick(items, options),
  showInputBox: (options) => vscode.window.showInputBox(options),
  clipboard: () => vscode.env.clipboard.readText(),
  /** The scopes each sign-in asked the fake Microsoft provider for (see registerFakeMicrosoftSignIn). */
  fakeSignIns: () => fakeSignIns,
  openUntitled: async (content, language) => {
    const doc = await vscode.workspace.openTextDocument({ content, language });
    await vscode.window.showTextDocument(doc);
    return doc.uri.toString();
  },
};

/** @type {string[][]} */
const fakeSignIns = [];

/**
 * A stand-in for VS Code's Microsoft sign-in, only when the journey sets $DSE_FAKE_MICROSOFT_TOKEN: the
 * offline test machine cannot reach login.microsoftonline.com. The built-in provider (the
 * microsoft-authentication extension) is only activated when a sign-in is asked for and no provider
 * with that id is registered yet; this one registers at start-up, so the workbench hands the extension
 * under test this provider's session after the user allows it in the real consent dialog. The
 * extension's own code is unchanged: it calls vscode.authentication.getSession('microsoft', ...).
 * @param {vscode.ExtensionContext} context
 */
function registerFakeMicrosoftSignIn(context) {
  const token = process.env.DSE_FAKE_MICROSOFT_TOKEN;
  if (!token) return;
  /** @type {vscode.AuthenticationSession[]} */
  const sessions = [];
  const changed = new vscode.EventEmitter();
  const account = { id: 'e2e-analyst', label: 'analyst@contoso.example' };
  const sameScopes = (a, b) => [...a].sort().join(' ') === [...b].sort().join(' ');
  context.subscriptions.push(
    changed,
    vscode.authentication.registerAuthenticationProvider(
      'microsoft',
      'Microsoft (e2e stand-in)',
      {
        onDidChangeSessions: changed.event,
        getSessions: async (scopes) => sessions.filter((s) => !scopes || sameScopes(s.scopes, scopes)),
        createSession: async (scopes) => {
          fakeSignIns.push([...scopes]);
          const session = { id: `e2e-${sessions.length + 1}`, accessToken: token, account, scopes: [...scopes] };
          sessions.push(session);
          changed.fire({ added: [session], removed: [], changed: [] });
          return session;
        },
        removeSession: async (id) => {
          const i = sessions.findIndex((s) => s.id === id);
          if (i >= 0) changed.fire({ added: [], removed: sessions.splice(i, 1), changed: [] });
        },
      },
      { supportsMultipleAccounts: false },
    ),
  );
}

/** @param {vscode.ExtensionContext} context */
function activate(context) {
  registerFakeMicrosoftSignIn(context);
  const dir = process.env.DSE_PROBE_DIR;
  if (!dir) return;
  const busy = new Set();
  const timer = setInterval(() => {
    let names = [];
    try {
      names = fs.readdirSync(dir).filter((n) => n.endsWith('.req.json') && !busy.has(n));
    } catch {
      return;
    }
    for (const name of names) {
      busy.add(name);
      void answer(dir, name).finally(() => busy.delete(name));
    }
  }, 50);
  context.subscriptions.push({ dispose: () => clearInterval(timer) });
  fs.writeFileSync(path.join(dir, 'ready'), String(process.pid));
}

async function answer(dir, name) {
  const file = path.join(dir, name);
  let response;
  try {
    const { method, args = [] } = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.rmSync(file, { force: true });
    const fn = methods[method];
    if (!fn) throw new Error(`unknown probe method ${method}`);
    response = { ok: true, value: await fn(...args) };
  } catch (error) {
    fs.rmSync(file, { force: true });
    response = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const out = path.join(dir, name.replace(/\.req\.json$/, '.res.json'));
  fs.writeFileSync(`${out}.tmp`, JSON.stringify(response ?? { ok: true }));
  fs.renameSync(`${out}.tmp`, out);
}

module.exports = { activate, deactivate() {} };
