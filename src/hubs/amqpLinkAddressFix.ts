/**
 * Works around a crash in the AMQP layer under the Event Hubs SDK: a management request that times out
 * after its link was closed (a connection dropped mid-request) reads `receiver.address` in a timer, and
 * rhea-promise's `address` getter throws when the link has no source any more (`this.source.address`,
 * rhea-promise 3.0.3; the class of bug of amqp/rhea-promise#52 and Azure/azure-sdk-for-js#10943). Thrown
 * in a timer, that is an uncaught exception: it would end the CLI, or the worker thread of a tail. The
 * getter answers `undefined` instead (the SDK then says "address" in its timeout message). Applied by
 * `loadEventHubs` (src/hubs/clientFactory.ts) to the rhea-promise the SDK uses; idempotent.
 */
export function fixLinkAddress(Receiver: { readonly prototype: object }): void {
  const link = Object.getPrototypeOf(Receiver.prototype) as object;
  const descriptor = Object.getOwnPropertyDescriptor(link, 'address');
  if (!descriptor?.get || (descriptor.get as { dseSafe?: boolean }).dseSafe) return;
  const safe = function (this: { source?: { address?: string } }): string | undefined {
    return this.source?.address;
  };
  (safe as { dseSafe?: boolean }).dseSafe = true;
  Object.defineProperty(link, 'address', { ...descriptor, get: safe });
}
