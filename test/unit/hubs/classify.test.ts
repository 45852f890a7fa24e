import assert from 'node:assert/strict';
import { classifyConnectionError, errorLeaves, isPermanent, isReaderLimit, type ProblemContext } from '../../../src/hubs/errors';
import { aggregateStatus } from '../../../src/vscode/hubs/hubStatus';
import { partitionDescription } from '../../../src/vscode/hubs/treeFormat';
import { formatConnectionInfo } from '../../../src/config/connectionInfo';

const ctx: ProblemContext = {
  namespaceHost: 'contoso-soc.servicebus.windows.net',
  hubName: 'defender-stream',
  consumerGroup: '$Default',
  keyName: 'Listen',
  authKind: 'connectionString',
  phase: 'hub',
};

function amqp(condition: string, description: string): Error {
  return Object.assign(new Error(description), {
    name: 'MessagingError',
    code: condition === 'amqp:unauthorized-access' ? 'UnauthorizedError' : 'MessagingEntityNotFoundError',
  });
}

describe('hubs: error classification (shapes the service sends)', () => {
  it('finds the cause inside an AggregateError with an empty message (the SDK after retries)', () => {
    const error = new AggregateError([amqp('amqp:unauthorized-access', 'InvalidSignature: The token has an invalid signature.')], '');
    assert.equal(
      errorLeaves(error).some((l) => /invalid signature/.test(l.message)),
      true,
    );
    assert.equal(classifyConnectionError(error, ctx).code, 'wrongKey');
  });

  it("words Azure's missing Listen claim, an Entra ID denial and a missing credential", () => {
    const claim = amqp('amqp:unauthorized-access', "Unauthorized access. 'Listen' claim(s) are required to perform this operation.");
    assert.equal(classifyConnectionError(claim, ctx).code, 'missingRights');
    const denied = classifyConnectionError(claim, { ...ctx, authKind: 'tokenCredential' });
    assert.equal(denied.code, 'entraDenied');
    assert.match(denied.message, /Azure Event Hubs Data Receiver/);
    const noCredential = Object.assign(new Error('DefaultAzureCredential failed to retrieve a token.'), {
      name: 'CredentialUnavailableError',
    });
    assert.equal(classifyConnectionError(noCredential, { ...ctx, authKind: 'tokenCredential' }).code, 'entraCredential');
  });

  it('tells an unknown consumer group from an unknown hub by what was being opened', () => {
    const notFound = amqp('amqp:not-found', "The messaging entity 'contoso-soc:eventhub:defender-stream~32766|nope' could not be found.");
    assert.equal(classifyConnectionError(notFound, ctx).code, 'unknownHub');
    assert.equal(classifyConnectionError(notFound, { ...ctx, phase: 'consumerGroup', consumerGroup: 'nope' }).code, 'unknownConsumerGroup');
  });

  it("treats the client's own vanished CBS link (a hub that went away mid-reconnect) as a lost connection, not a missing entity", () => {
    // The exact error @azure/core-amqp throws when a receiver reconnects while its connection is closing.
    const cbsGone = new Error('Attempted to negotiate a claim but the CBS link does not exist.');
    for (const phase of ['hub', 'consumerGroup'] as const) {
      const problem = classifyConnectionError(cbsGone, { ...ctx, phase });
      assert.equal(problem.code, 'other');
      assert.equal(isPermanent(problem.code), false);
    }
  });

  it('tells the reader limits of a consumer group apart, with how to get a group of its own, and walks causes and conditions', () => {
    const quota = Object.assign(
      new Error(
        'Exceeded the maximum number of allowed receivers per partition in a consumer group which is 5. List of connected receivers - nil, nil, nil, nil, nil.',
      ),
      { name: 'MessagingError', code: 'QuotaExceededError' },
    );
    const limit = classifyConnectionError(new AggregateError([quota], ''), { ...ctx, phase: 'consumerGroup' });
    assert.equal(limit.code, 'readerLimit');
    assert.match(limit.message, /consumer group "\$Default" already has 5 readers/);
    assert.match(
      limit.message,
      /Consumer groups → \+ Consumer group\), then choose it with Edit Event Hub\.\.\. → Consumer group \(or --consumer-group on the command line\)/,
    );
    // A raw AMQP error (condition, description) as the cause of a wrapper.
    const stolen = new Error('receive failed', {
      cause: {
        condition: 'amqp:link:stolen',
        description:
          "New receiver 'nil' with higher epoch of '1' is created hence current receiver 'nil' with epoch 'nil' is getting disconnected.",
      },
    });
    const takenOver = classifyConnectionError(stolen, ctx);
    assert.equal(takenOver.code, 'readerTakenOver');
    assert.match(takenOver.message, /owner level \(epoch\)/);
    const range = Object.assign(new Error("The supplied sequence number '9' is invalid. The last sequence number in the system is '4'."), {
      name: 'MessagingError',
      code: 'ArgumentOutOfRangeError',
    });
    assert.equal(classifyConnectionError(range, ctx).code, 'badArgument');
    assert.ok(isReaderLimit('readerLimit') && isReaderLimit('readerTakenOver') && !isReaderLimit('wrongKey'));
    assert.ok(isPermanent('wrongKey') && isPermanent('unknownConsumerGroup') && isPermanent('badArgument'));
    assert.ok(!isPermanent('connectionRefused') && !isPermanent('timeout') && !isPermanent('other') && !isPermanent('readerLimit'));
  });

  it('redacts secrets from an unclassified message', () => {
    const problem = classifyConnectionError(new Error('weird failure with SharedAccessKey=abc123secret; more'), ctx);
    assert.equal(problem.code, 'other');
    assert.ok(!problem.message.includes('abc123secret'));
  });
});

describe('views: pure formatting', () => {
  it('aggregates hub statuses for the namespace icon', () => {
    const problem = { code: 'wrongKey' as const, message: 'x' };
    const info = { name: 'h', partitionIds: [], partitions: [] };
    assert.equal(
      aggregateStatus([
        { state: 'connected', info, at: 0 },
        { state: 'error', problem, at: 0 },
      ]),
      'error',
    );
    assert.equal(aggregateStatus([{ state: 'connected', info, at: 0 }, { state: 'checking' }]), 'checking');
    assert.equal(aggregateStatus([{ state: 'connected', info, at: 0 }]), 'connected');
    assert.equal(aggregateStatus([undefined]), 'unknown');
  });

  it('describes partitions with sequence numbers, last enqueued time or "empty"', () => {
    assert.equal(
      partitionDescription({
        partitionId: '0',
        beginningSequenceNumber: 5,
        lastEnqueuedSequenceNumber: 42,
        lastEnqueuedOffset: '100',
        lastEnqueuedOnUtc: new Date('2026-11-25T10:00:00.123Z'),
        isEmpty: false,
      }),
      'seq 5–42 · last 2026-11-25 10:00:00Z',
    );
    assert.match(
      partitionDescription({
        partitionId: '1',
        beginningSequenceNumber: 0,
        lastEnqueuedSequenceNumber: -1,
        lastEnqueuedOffset: '-1',
        isEmpty: true,
      }),
      /^empty/,
    );
  });

  it('copies connection info without any key', () => {
    const text = formatConnectionInfo({
      id: 'a',
      label: 'SOC',
      namespaceHost: 'contoso-soc.servicebus.usgovcloudapi.net',
      hubs: ['insights-logs-advancedhunting-alertinfo'],
      mode: 'perTable',
      consumerGroup: '$Default',
      auth: 'connectionString',
      sharedAccessKeyName: 'Listen',
    });
    assert.match(text, /Namespace: contoso-soc\.servicebus\.usgovcloudapi\.net/);
    assert.match(text, /Cloud: Azure US Government/);
    assert.match(text, /insights-logs-advancedhunting-alertinfo \(AlertInfo\)/);
    assert.match(text, /not copied/);
    assert.ok(!/SharedAccessKey=/.test(text));
  });
});
