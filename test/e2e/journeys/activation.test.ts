// Journey: a user installs the extension and opens VS Code. The extension activates, its
// "Defender Stream" view container is in the activity bar, the "Event Hubs" view welcomes them with
// "Add Event Hub" and "Start Demo Hub", every command it contributes is in the command palette, and
// its "Defender Stream" log channel says it activated.
import assert from 'node:assert/strict';
import { extensionManifest } from '../support/config.mjs';
import { extensionId, useWorkbench } from '../support/session';

interface ManifestCommand {
  command: string;
  title: string;
  category?: string;
}

/** "Category: Title" of every contributed command the palette should offer (not hidden by `when: false`). */
function expectedPaletteTitles(): string[] {
  const contributes = extensionManifest().contributes as {
    commands: ManifestCommand[];
    menus?: { commandPalette?: { command: string; when?: string }[] };
  };
  const hidden = new Set(
    (contributes.menus?.commandPalette ?? [])
      .filter((entry) => entry.when !== undefined && entry.when !== 'true')
      // Only `false` hides a command for good; other clauses depend on state (e.g. a running demo hub).
      .map((entry) => entry.command),
  );
  return contributes.commands
    .filter((c) => c.category === 'Defender Stream' && !hidden.has(c.command))
    .map((c) => `${c.category}: ${c.title}`)
    .sort();
}

describe('Activation: the extension greets a new user', function () {
  const ctx = useWorkbench({ journey: 'activation' });

  it('shows the Defender Stream view container in the activity bar', async () => {
    const wb = ctx.workbench;
    await wb.activityBar.waitFor('Defender Stream');
    assert.ok((await wb.activityBar.titles()).includes('Defender Stream'));
  });

  it('opens the Event Hubs view with its welcome content, and the extension activates', async () => {
    const wb = ctx.workbench;
    await wb.activityBar.open('Defender Stream');
    const hubs = wb.view('Event Hubs');
    const welcome = await hubs.welcome();
    assert.ok(welcome.buttons.includes('Add Event Hub'), `buttons: ${JSON.stringify(welcome.buttons)}`);
    assert.ok(welcome.buttons.includes('Start Demo Hub'), `buttons: ${JSON.stringify(welcome.buttons)}`);
    assert.match(welcome.paragraphs.join('\n'), /No Event Hubs configured yet/);
    await wb.screenshot('welcome', { readme: 'welcome' });

    // Opening the view activates the extension (VS Code's implicit onView activation).
    const deadline = Date.now() + 60_000;
    let ext = await ctx.probe.extension(extensionId());
    while (ext && !ext.isActive && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      ext = await ctx.probe.extension(extensionId());
    }
    assert.ok(ext, `${extensionId()} is not installed`);
    assert.equal(ext.isActive, true, 'the extension did not activate');
    const errors = (await wb.notifications.toasts()).filter((n) => n.severity === 'error');
    assert.deepEqual(errors, [], 'error notifications after opening the view');
  });

  it('offers every contributed command in the command palette', async () => {
    const wb = ctx.workbench;
    const expected = expectedPaletteTitles();
    assert.ok(expected.length >= 10, `package.json lists only ${expected.length} palette commands`);
    const shown = await wb.listPaletteCommands('Defender Stream:');
    const missing = expected.filter((title) => !shown.includes(title));
    assert.deepEqual(missing, [], `missing from the palette: ${JSON.stringify(missing)}; shown: ${JSON.stringify(shown)}`);
  });

  it('has a handler registered for every contributed command', async () => {
    // The palette lists contributed commands whether or not the extension registered them; running
    // an unregistered one fails with "command not found". Ask VS Code's command registry instead.
    const registered = new Set(await ctx.probe.commands());
    const ids = (extensionManifest().contributes as { commands: ManifestCommand[] }).commands.map((c) => c.command);
    const unregistered = ids.filter((id) => !registered.has(id));
    assert.deepEqual(unregistered, [], `contributed but not registered: ${unregistered.join(', ')}`);
  });

  it('knows the default of every contributed setting', async () => {
    const properties = (extensionManifest().contributes as { configuration: { properties: Record<string, { default?: unknown }> } })
      .configuration.properties;
    assert.ok(Object.keys(properties).length > 0);
    for (const [key, schema] of Object.entries(properties)) {
      const inspected = await ctx.probe.configuration('', key);
      assert.ok(inspected, `setting ${key} is unknown to VS Code`);
      assert.deepEqual(inspected.defaultValue, schema.default, `default of ${key}`);
    }
  });

  it('has a "Defender Stream" log channel that says it activated', async () => {
    const wb = ctx.workbench;
    await wb.runCommand('Defender Stream: Show Log');
    const channels = await wb.output.channels();
    assert.ok(channels.includes('Defender Stream'), `output channels: ${JSON.stringify(channels)}`);
    const lines = await wb.output.visibleLines();
    assert.match(lines.join('\n'), /activated/);
    assert.match(ctx.session.extensionLog(), /Defender Stream Explorer \S+ activated/);
    await wb.screenshot('log');
  });
});
