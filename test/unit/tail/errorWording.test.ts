// One wording per failure (src/hubs/errors.ts): the connection check (Test Connection, the tree), a tail
// (panel, editor), Measure Capacity and the CLI tail say the same thing for the same failure.
import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/runCli';
import { checkConnection } from '../../../src/hubs/connectionCheck';
import { classifyConnectionError, describeProblem, problemContext } from '../../../src/hubs/errors';
import type { HubTarget } from '../../../src/hubs/hubTarget';
import { measureHub } from '../../../src/capacity/measureHub';
import { startLocalHub, type LocalHubServer } from '../../../src/localHub/index';
import { createTailSession } from '../../../src/tail/session';
import { HUB, targetOf, waitFor } from './support';

describe('tail: one wording per failure, everywhere it shows', function () {
  this.timeout(60_000);
  let hub: LocalHubServer;

  before(async () => {
    hub = await startLocalHub({ hubs: [{ name: HUB, partitionCount: 2 }] });
  });
  after(async () => {
    await hub.stop();
  });

  it('the same error object reads the same for the connection check and the tail', () => {
    const target = targetOf(hub);
    // What the SDK throws for a wrong key after its retries: an AggregateError with an empty message.
    const rejected = Object.assign(new Error('Unauthorized: The signature does not match the key of policy "RootManageSharedAccessKey".'), {
      name: 'MessagingError',
      code: 'UnauthorizedError',
    });
    const error = new AggregateError([rejected, rejected], '');
    const forCheck = classifyConnectionError(error, problemContext(target, 'hub', 15));
    const forTail = describeProblem(error, target, 'hub');
    assert.equal(forTail.code, 'wrongKey');
    assert.equal(forTail.message, forCheck.message);
    assert.match(forTail.message, /^The key was rejected \(401\)\. Check the SharedAccessKey of policy "RootManageSharedAccessKey"/);
  });

  const cases: ReadonlyArray<{ name: string; code: string; target: () => HubTarget; cli: () => string[] }> = [
    {
      name: 'a wrong key',
      code: 'wrongKey',
      target: () => targetOf(hub, hub.connectionStringFor(HUB).replace(/SharedAccessKey=[^;]+/, 'SharedAccessKey=d3Jvbmc=')),
      cli: () => ['--connection-string', hub.connectionStringFor(HUB).replace(/SharedAccessKey=[^;]+/, 'SharedAccessKey=d3Jvbmc=')],
    },
    {
      name: 'an unknown event hub',
      code: 'unknownHub',
      target: () => ({ ...targetOf(hub, `${hub.connectionString};EntityPath=no-such-hub`), hubName: 'no-such-hub' }),
      cli: () => ['--connection-string', hub.connectionString, '--hub', 'no-such-hub'],
    },
    {
      name: 'an unknown consumer group',
      code: 'unknownConsumerGroup',
      target: () => ({ ...targetOf(hub), consumerGroup: 'no-such-group' }),
      cli: () => ['--connection-string', hub.connectionStringFor(HUB), '--consumer-group', 'no-such-group'],
    },
  ];

  for (const c of cases) {
    it(`${c.name}: the check, the tail, Measure Capacity and the CLI say the same`, async () => {
      const check = await checkConnection(c.target());
      assert.ok(!check.ok, 'the check fails');
      if (check.ok) return;
      assert.equal(check.problem.code, c.code);
      const expected = check.problem.message;

      const session = createTailSession(c.target());
      await waitFor('the tail to fail', () => session.state.kind === 'failed');
      await session.stop();
      assert.equal(session.state.kind === 'failed' ? session.state.error : '', expected, 'tail');

      await assert.rejects(measureHub(c.target(), { durationMs: 60_000, connectTimeoutMs: 30_000 }), (error: Error) => {
        assert.equal(error.message, expected, 'Measure Capacity');
        return true;
      });

      const out = { stdout: '', stderr: '' };
      const io = { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } };
      assert.equal(await runCli(['tail', ...c.cli()], io), 1);
      assert.ok(out.stderr.includes(`\ndefender-stream tail: ${expected}\n`), `CLI: ${out.stderr}`);
    });
  }
});
