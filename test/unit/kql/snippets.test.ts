import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capacityTemplate } from '../../../src/kql/capacityQuery';
import { getschemaChoiceTemplate } from '../../../src/kql/getschemaQuery';
import { escapeSnippetText, expandSnippet, placeholder, renderSnippet, renderText } from '../../../src/kql/snippet';
import { describe as explain, load as loadParser, semanticErrors } from './kustoParser';

const root = join(__dirname, '..', '..', '..');

interface SnippetFile {
  [name: string]: { prefix: string; body: string[]; description: string };
}

describe('kql: contributed snippets', () => {
  before(function () {
    this.timeout(180_000);
    loadParser();
  });

  const file = JSON.parse(readFileSync(join(root, 'snippets', 'kql.json'), 'utf8')) as SnippetFile;
  const byPrefix = new Map(Object.values(file).map((s) => [s.prefix, s.body.join('\n')]));

  it('are the generated getschema and capacity snippets (kept in sync with src/kql)', () => {
    assert.deepEqual([...byPrefix.keys()].sort(), ['capacity', 'getschema']);
    assert.equal(byPrefix.get('getschema'), renderSnippet(getschemaChoiceTemplate()));
    assert.equal(byPrefix.get('capacity'), renderSnippet(capacityTemplate()));
  });

  it('expand at their defaults to queries without errors', () => {
    for (const body of byPrefix.values()) {
      const query = expandSnippet(body).text;
      const errors = semanticErrors(query);
      assert.equal(errors.length, 0, explain(errors, query));
    }
  });

  it('are contributed for the kusto and kql languages', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      contributes: { snippets: Array<{ language: string; path: string }>; languages: Array<{ id: string; extensions?: string[] }> };
    };
    const languages = manifest.contributes.snippets.filter((s) => s.path === './snippets/kql.json').map((s) => s.language);
    assert.deepEqual(languages.sort(), ['kql', 'kusto']);
    const kql = manifest.contributes.languages.find((l) => l.id === 'kql');
    assert.ok(kql, 'the kql language is declared');
    assert.equal(kql.extensions, undefined, '.kql is adopted at run time only when no other extension claims it');
  });
});

describe('kql: snippet escaping', () => {
  it('escapes $, } and \\ in text and defaults, and expands back to the plain text', () => {
    const template = ['print s = "${x}\\\\"', placeholder(1, 'a}$b'), ' // $1 } end'];
    const snippet = renderSnippet(template);
    assert.equal(snippet, 'print s = "\\${x\\}\\\\\\\\"${1:a\\}\\$b} // \\$1 \\} end');
    assert.equal(expandSnippet(snippet).text, renderText(template));
    assert.deepEqual(expandSnippet(snippet).tabStops, [1]);
    assert.equal(escapeSnippetText('$TM_FILENAME'), '\\$TM_FILENAME');
  });

  it('mirrors a placeholder used twice', () => {
    const snippet = renderSnippet([placeholder(1, '6h'), ' and ', placeholder(1, '6h')]);
    assert.equal(snippet, '${1:6h} and ${1}');
    assert.equal(expandSnippet(snippet).text, '6h and 6h');
  });

  it('rejects an unescaped $ (the expander checks our own output)', () => {
    assert.throws(() => expandSnippet('cost $ 5'), /Unescaped/);
  });
});
