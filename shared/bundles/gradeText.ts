/**
 * How a gradebook's problems read, written once for the app's table, its CSV and the command line:
 * a row's problem is a message key and its parameters, and an archive refused as a whole also
 * carries the refusal's own message, shown after a sentence saying nothing in it was graded.
 */
import type { HostMessageParams } from '../contract/hostApi';
import type { MessageKey, Translate } from '../i18n/translate';

export interface GradeMessage {
  key: MessageKey;
  /** As the host sends them (no dates), so a row goes to the page as it is. */
  params: HostMessageParams;
}

export interface GradeProblemText extends GradeMessage {
  /** Why the file was refused, when the row's own message only says that it was. */
  cause?: GradeMessage;
}

export function gradeProblemText(problem: GradeProblemText, t: Translate): string {
  const text = t(problem.key, problem.params);
  return problem.cause ? `${text} ${t(problem.cause.key, problem.cause.params)}` : text;
}
