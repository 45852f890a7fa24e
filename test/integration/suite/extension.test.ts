// API-level checks inside a real VS Code desktop (@vscode/test-electron). Each scenario is also
// covered by an end-to-end journey in code-server, which runs on machines where VS Code desktop
// cannot be downloaded:
//   activates                 -> test/e2e/journeys/activation.test.ts "...and the extension activates"
//   commands registered       -> test/e2e/journeys/activation.test.ts "has a handler registered for every contributed command"
//   settings defaults         -> test/e2e/journeys/activation.test.ts "knows the default of every contributed setting"
//   diagnostics produced      -> test/e2e/journeys/validation.test.ts (diagnostics of a *.defender.json sample)
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'defender-stream.defender-stream-explorer';

function manifest(): {
  contributes: { commands: { command: string }[]; configuration: { properties: Record<string, { default?: unknown }> } };
} {
  const ext = vscode.extensions.getExtension(extensionId);
  assert.ok(ext, `${extensionId} is not loaded`);
  return ext.packageJSON;
}

async function waitFor<T>(read: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Defender Stream Explorer in VS Code', () => {
  it('activates', async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers every contributed command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest()
      .contributes.commands.map((c) => c.command)
      .filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  it('reads the default of every contributed setting', () => {
    const properties = manifest().contributes.configuration.properties;
    assert.ok(Object.keys(properties).length > 0);
    for (const [key, schema] of Object.entries(properties)) {
      const inspected = vscode.workspace.getConfiguration().inspect(key);
      assert.ok(inspected, `setting ${key} is unknown to VS Code`);
      assert.deepEqual(inspected.defaultValue, schema.default, `default of ${key}`);
    }
  });

  it('produces diagnostics for a broken *.defender.json sample', async () => {
    const [file] = await vscode.workspace.findFiles('broken.defender.json');
    assert.ok(file, 'fixture broken.defender.json not found in the workspace');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const ours = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(file).filter((d) => d.source === 'Defender Stream');
      return found.length > 0 ? found : undefined;
    }, 20_000);
    assert.ok(ours && ours.length > 0, 'no "Defender Stream" diagnostics on broken.defender.json');
  });
});
