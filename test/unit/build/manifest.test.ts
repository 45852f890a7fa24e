import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const commandIds = new Set<string>(contributes.commands.map((c: { command: string }) => c.command));

/** Every `command:<id>` link in a markdown-ish string. */
function commandLinks(text: string): string[] {
  return [...text.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
}

describe('manifest (package.json)', () => {
  it('has the fixed names, a VS Code 1.100 engine and matching @types/vscode', () => {
    assert.equal(manifest.name, 'defender-stream-explorer');
    assert.equal(manifest.displayName, 'Defender Stream Explorer');
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
  });

  it('never activates on "*"', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
  });

  it('puts every command in the "Defender Stream" category under defenderStream.', () => {
    for (const c of contributes.commands) {
      assert.equal(c.category, 'Defender Stream', c.command);
      assert.match(c.command, /^defenderStream\./);
    }
  });

  it('prefixes every setting with defenderStream.', () => {
    for (const key of Object.keys(contributes.configuration.properties)) assert.match(key, /^defenderStream\./);
  });

  it('refers only to contributed commands from menus, the welcome view and the walkthrough', () => {
    const referenced: string[] = [];
    for (const items of Object.values(contributes.menus) as Array<Array<{ command: string }>>)
      referenced.push(...items.map((i) => i.command));
    for (const w of contributes.viewsWelcome) referenced.push(...commandLinks(w.contents));
    for (const walkthrough of contributes.walkthroughs) {
      for (const step of walkthrough.steps) {
        referenced.push(...commandLinks(step.description));
        referenced.push(...(step.completionEvents ?? []).map((e: string) => e.replace(/^onCommand:/, '')));
      }
    }
    assert.ok(referenced.length > 20);
    for (const id of referenced) assert.ok(commandIds.has(id), `"${id}" is not a contributed command`);
  });

  it('refers only to files that exist (icons, snippets, schema, walkthrough media)', () => {
    const files = [manifest.icon, ...contributes.viewsContainers.activitybar.map((c: { icon: string }) => c.icon)];
    files.push(...contributes.snippets.map((s: { path: string }) => s.path));
    files.push(...contributes.jsonValidation.map((j: { url: string }) => j.url));
    for (const w of contributes.walkthroughs) for (const step of w.steps) files.push(step.media.markdown ?? step.media.image);
    for (const file of files) assert.ok(existsSync(path.join(root, file)), `${file} is missing`);
  });

  it('lists the view the welcome content and menus target', () => {
    const views = contributes.views.defenderStream.map((v: { id: string }) => v.id);
    assert.deepEqual(views, ['defenderStream.hubs', 'defenderStream.storage']);
    for (const w of contributes.viewsWelcome) assert.ok(views.includes(w.view), w.view);
  });

  it('lets no workspace choose where a credential goes: connection settings are user-only and restricted in untrusted workspaces', () => {
    const connectionSettings = ['defenderStream.hubs', 'defenderStream.refreshInterval', 'defenderStream.storageAccounts'];
    for (const key of connectionSettings) {
      assert.ok(
        ['application', 'machine'].includes(contributes.configuration.properties[key].scope),
        `${key} must be application- or machine-scoped`,
      );
    }
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.ok(typeof untrusted.description === 'string' && untrusted.description.length > 20);
    for (const key of connectionSettings)
      assert.ok(untrusted.restrictedConfigurations.includes(key), `${key} is not restricted in untrusted workspaces`);
    assert.ok(manifest.capabilities.virtualWorkspaces !== undefined, 'virtualWorkspaces is declared');
  });
});
