/**
 * The check's feedback as sentences for the trainee, in teaching order: columns first (rows cannot
 * be right without them), then counts, then order. Shared by the Lab view and the command line.
 */
import type { Translate } from '../i18n/translate';
import type { CheckFeedback } from './checker';

export function feedbackMessages(feedback: CheckFeedback, columnsBy: 'names' | 'positions', t: Translate): string[] {
  if (feedback.correct) return [t('check.correct')];
  const messages: string[] = [];
  if (feedback.missingColumns.length > 0) {
    messages.push(t(columnsBy === 'positions' ? 'check.missingPositions' : 'check.missingColumns', { columns: feedback.missingColumns.join(', ') }));
  }
  if (feedback.extraColumns.length > 0) messages.push(t('check.extraColumns', { columns: feedback.extraColumns.join(', ') }));
  for (const wrong of feedback.wrongTypes) {
    messages.push(t('check.wrongType', { column: wrong.column, expected: t(`check.family.${wrong.expected}`), actual: t(`check.family.${wrong.actual}`) }));
  }
  if (feedback.actualRowCount !== feedback.expectedRowCount) {
    messages.push(t('check.rowCount', { expected: feedback.expectedRowCount, actual: feedback.actualRowCount }));
  }
  if (feedback.missingColumns.length === 0) {
    messages.push(t('check.matchingRows', { matching: feedback.matchingRows, expected: feedback.expectedRowCount }));
    if (feedback.unexpectedRows.length > 0) messages.push(t('check.unexpectedRows', { count: feedback.unexpectedRows.length }));
  }
  if (feedback.wrongOrder) messages.push(t('check.wrongOrder'));
  return messages;
}
