import { compileWhereFilter } from '../../core/filter/where/where';
import type { UserInput } from '../support/userInput';

/** Asks for an optional where expression (checked as it is typed); "" when the user leaves it empty. */
export async function askWhere(input: UserInput, title: string): Promise<string> {
  const answer = await input.showInputBox({
    title,
    prompt:
      'Only records for which this KQL-style predicate holds (==, =~, has, contains, startswith, in, between, <, isempty(), and, or, not()). Empty: every record.',
    placeHolder: 'Where (optional), e.g. ActionType == "ConnectionFailed" and RemotePort in (443, 8443)',
    ignoreFocusOut: true,
    validateInput: (text) => {
      if (text.trim() === '') return undefined;
      const result = compileWhereFilter(text);
      return result.ok ? undefined : `${result.problem.message} (at column ${result.problem.start + 1})`;
    },
  });
  return answer.trim();
}
