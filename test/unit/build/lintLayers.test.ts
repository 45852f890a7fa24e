// `npm run lint` keeps the layers of docs/architecture.md: each probe below is an import that must be
// refused (or allowed) where it is written. Runs ESLint with the project's own config.
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..', '..');

const PROBES: ReadonlyArray<{ file: string; code: string; refused: boolean }> = [
  { file: 'src/core/probe.ts', code: "import * as vscode from 'vscode';\nexport const a = vscode;\n", refused: true },
  {
    file: 'src/tail/probe.ts',
    code: "import { settings } from '../vscode/support/settings';\nexport const a = settings;\n",
    refused: true,
  },
  {
    file: 'src/webviewUi/liveTail/probe.ts',
    code: "import { TailPipeline } from '../../tail/pipeline';\nexport const a = TailPipeline;\n",
    refused: true,
  },
  {
    file: 'src/webviewUi/liveTail/probe.ts',
    code: "import { prettyJsonText } from '../../liveTail/shared/jsonText';\nexport const a = prettyJsonText;\n",
    refused: false,
  },
  {
    file: 'src/webviewUi/liveTail/probe.ts',
    code: "import { provideVSCodeDesignSystem } from '@vscode/webview-ui-toolkit';\nexport const a = provideVSCodeDesignSystem;\n",
    refused: true,
  },
  {
    file: 'src/webviewUi/liveTail/toolkit.ts',
    code: "import { provideVSCodeDesignSystem } from '@vscode/webview-ui-toolkit';\nexport const a = provideVSCodeDesignSystem;\n",
    refused: false,
  },
  {
    file: 'src/vscode/liveTail/probe.ts',
    code: "import { provideVSCodeDesignSystem } from '@vscode/webview-ui-toolkit';\nexport const a = provideVSCodeDesignSystem;\n",
    refused: true,
  },
  {
    file: 'src/webviewUi/liveTail/probe.ts',
    code: "import { compileWhereFilter } from '../../core/filter/where/where';\nexport const a = compileWhereFilter;\n",
    refused: false,
  },
  {
    file: 'src/webviewUi/liveTail/probe.ts',
    code: "import { compileFilter } from '../../core/filter/recordFilter';\nexport const a = compileFilter;\n",
    refused: true,
  },
  {
    file: 'src/core/filter/where/probe.ts',
    code: "import type { DefenderRecord } from '../../decode/types';\nexport type A = DefenderRecord;\n",
    refused: true,
  },
  { file: 'src/liveTail/shared/probe.ts', code: "import { toWireEntry } from '../wire';\nexport const a = toWireEntry;\n", refused: true },
  { file: 'src/vscode/hubs/probe.ts', code: "import * as vscode from 'vscode';\nexport const a = vscode;\n", refused: false },
];

describe('lint: the layers', function () {
  this.timeout(60_000);
  it('refuses imports across the layers and allows the ones that belong', async () => {
    const eslint = new ESLint({ cwd: root });
    for (const probe of PROBES) {
      const [result] = await eslint.lintText(probe.code, { filePath: path.join(root, probe.file) });
      const restricted = result.messages.filter((m) => m.ruleId === 'no-restricted-imports');
      assert.equal(
        restricted.length > 0,
        probe.refused,
        `${probe.file}: ${probe.code.split('\n')[0]} -> ${JSON.stringify(restricted.map((m) => m.message))}`,
      );
    }
  });
});
