import { ConnectionError } from '../core/connection/errors';
import { quotedOr } from '../core/connection/echo';
import { parseNamespaceInput, validateHubName } from '../core/connection/namespace';

/**
 * Field checks shared by the settings reader and the Add/Edit flow. Each returns a message for the
 * user, or undefined when the value is fine (the shape `InputBox.validateInput` wants).
 */
const CONSUMER_GROUP = /^(\$Default|[A-Za-z0-9]([A-Za-z0-9._-]{0,48}[A-Za-z0-9])?)$/;
const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/;

export function checkConsumerGroup(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return 'Enter a consumer group, e.g. $Default.';
  if (!CONSUMER_GROUP.test(v))
    return `${quotedOr(v, 'This')} is not a valid consumer group name (1-50 letters, digits, ".", "-", "_", starting and ending with a letter or digit; or $Default).`;
  return undefined;
}

export function checkHubName(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return 'Enter the event hub name.';
  return messageOf(() => validateHubName(v));
}

export function checkNamespace(value: string): string | undefined {
  return messageOf(() => parseNamespaceInput(value));
}

export function checkLabel(value: string): string | undefined {
  if (value.length > 100) return 'Keep the label under 100 characters.';
  if (/[\r\n]/.test(value)) return 'The label must be one line.';
  return undefined;
}

export function checkKeyName(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return 'Enter the name of the shared access policy, e.g. RootManageSharedAccessKey.';
  if (!KEY_NAME.test(v))
    return `${quotedOr(v, 'This')} is not a valid shared access policy name (letters, digits, ".", "-", "_"; a key goes in the connection string, not here).`;
  return undefined;
}

function messageOf(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof ConnectionError) return error.message;
    throw error;
  }
}
