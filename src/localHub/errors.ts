/** AMQP error conditions the local hub uses, as Event Hubs sends them (the client maps them to its errors). */
export const CONDITION = {
  notFound: 'amqp:not-found',
  unauthorized: 'amqp:unauthorized-access',
  notImplemented: 'amqp:not-implemented',
  invalidField: 'amqp:invalid-field',
  argumentError: 'com.microsoft:argument-error',
  messageSizeExceeded: 'amqp:link:message-size-exceeded',
  internal: 'amqp:internal-error',
  resourceLimitExceeded: 'amqp:resource-limit-exceeded',
  framingError: 'amqp:connection:framing-error',
  shuttingDown: 'amqp:connection:forced',
} as const;

/** Why a link or request is refused: an AMQP error condition and a description for people. */
export class AmqpRefusal extends Error {
  constructor(
    readonly condition: string,
    readonly description: string,
    /** The matching status code for request/response nodes ($cbs, $management). */
    readonly statusCode: number,
  ) {
    super(description);
    this.name = 'AmqpRefusal';
  }

  toAmqpError(): { condition: string; description: string } {
    return { condition: this.condition, description: this.description };
  }
}

/** "could not be found" is the wording the client turns into a MessagingEntityNotFoundError. */
export function entityNotFound(entity: string, detail: string): AmqpRefusal {
  return new AmqpRefusal(CONDITION.notFound, `The messaging entity '${entity}' could not be found. ${detail}`, 404);
}

export function unauthorized(description: string): AmqpRefusal {
  return new AmqpRefusal(CONDITION.unauthorized, description, 401);
}

export function badRequest(description: string): AmqpRefusal {
  return new AmqpRefusal(CONDITION.argumentError, description, 400);
}
