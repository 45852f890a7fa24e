import { createServer, connect, type Server, type Socket } from 'node:net';
import type { TokenCredential } from '@azure/core-auth';
import type { HubTarget } from '../../../src/hubs/hubTarget';
import type { LocalHubServer } from '../../../src/localHub/index';
import type { TailEntry, TailSession, TailState } from '../../../src/tail/types';

export function targetFor(
  hub: LocalHubServer,
  hubName: string,
  overrides: Partial<HubTarget> & { connectionString?: string } = {},
): HubTarget {
  const { connectionString, ...rest } = overrides;
  return {
    configId: 'reliability',
    label: `local / ${hubName}`,
    namespaceHost: `127.0.0.1:${hub.port}`,
    hubName,
    consumerGroup: '$Default',
    auth: { kind: 'connectionString', connectionString: connectionString ?? hub.connectionStringFor(hubName) },
    ...rest,
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

/** Resolves with the session's final state once it is failed or stopped. */
export function whenEnded(session: TailSession): Promise<TailState> {
  return new Promise((resolve) => {
    const check = (s: TailState): boolean => s.kind === 'failed' || s.kind === 'stopped';
    if (check(session.state)) return resolve(session.state);
    const sub = session.onState((s) => {
      if (check(s)) {
        sub.dispose();
        resolve(s);
      }
    });
  });
}

/** Per partition, the sequence numbers of the events the session delivered (one per event, in order). */
export class SequenceRecorder {
  readonly byPartition = new Map<string, number[]>();
  entries = 0;
  constructor(session: TailSession) {
    session.onEntries((batch: readonly TailEntry[]) => {
      this.entries += batch.length;
      for (const e of batch) {
        let list = this.byPartition.get(e.partitionId);
        if (!list) this.byPartition.set(e.partitionId, (list = []));
        if (list[list.length - 1] !== e.sequenceNumber) list.push(e.sequenceNumber);
      }
    });
  }
}

/** The first problem in a list that should be first, first+1, ...: a gap, a duplicate or a reordering. */
export function firstBreak(list: readonly number[], first: number): string | undefined {
  for (let i = 0; i < list.length; i++) {
    const expected = first + i;
    if (list[i] !== expected) {
      const kind = list[i] < expected ? 'duplicate or reordering' : 'gap';
      return `${kind} at index ${i}: expected ${expected}, got ${list[i]} (previous ${list[i - 1]})`;
    }
  }
  return undefined;
}

/**
 * A TCP proxy in front of the local hub that counts connections and the CBS `put-token` requests
 * clients send (the operation name travels as a plain AMQP string), to prove nothing retries in a loop.
 */
export interface CountingProxy {
  readonly port: number;
  readonly connections: number;
  readonly putTokens: number;
  close(): Promise<void>;
}

const PUT_TOKEN = Buffer.from('put-token', 'latin1');

export async function startCountingProxy(targetPort: number): Promise<CountingProxy> {
  let connections = 0;
  let putTokens = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    connections++;
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    let carry = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      const data = Buffer.concat([carry, chunk]);
      let at = data.indexOf(PUT_TOKEN);
      while (at >= 0) {
        putTokens++;
        at = data.indexOf(PUT_TOKEN, at + PUT_TOKEN.length);
      }
      carry = data.subarray(Math.max(0, data.length - (PUT_TOKEN.length - 1)));
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  return {
    port,
    get connections() {
      return connections;
    },
    get putTokens() {
      return putTokens;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A free loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A Microsoft Entra ID credential that always fails, counting how often it was asked for a token. */
export function failingCredential(
  message = 'No Microsoft Entra ID credential: sign in to VS Code with a Microsoft account, or run "az login".',
): TokenCredential & { calls: number } {
  const credential = {
    calls: 0,
    async getToken(): Promise<never> {
      credential.calls++;
      const error = new Error(message);
      error.name = 'CredentialUnavailableError';
      throw error;
    },
  };
  return credential;
}

/** Characters that must never reach a terminal raw: ESC and other C0/C1 controls (but \n), and bidi controls. */
export const TERMINAL_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
