/**
 * Monaco's own words in Arabic (shared/i18n/monacoMessages.ar.ts) against the installed Monaco:
 * every English text is one Monaco still has (an upgrade that rewords one would leave it English),
 * each translation keeps the English text's placeholders, and the array the page gets puts it at
 * every number Monaco looks that text up by.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesArray, monacoEnglishMessages } from '../../../scripts/build/monacoMessages';
import { monacoMessagesAr } from '../../../shared/i18n/monacoMessages.ar';

const english = monacoEnglishMessages(path.resolve('node_modules/monaco-editor'));
const placeholders = (text: string): string[] => [...text.matchAll(/\{\d+\}/g)].map(([p]) => p).sort();

describe("Monaco's words in Arabic", () => {
  it('reads the numbers of Monaco’s English texts, escapes included', () => {
    expect(english.get('Find')?.length).toBeGreaterThanOrEqual(1);
    expect(english.get("Press 'Enter' to go to line {0} at column {1}.")?.length).toBeGreaterThanOrEqual(1);
    expect(english.size).toBeGreaterThan(1_000);
  });

  it('translates only texts the installed Monaco has', () => {
    expect(messagesArray(monacoMessagesAr, english).missing).toEqual([]);
  });

  it('keeps every placeholder, in Arabic script and with no English left', () => {
    for (const [source, arabic] of Object.entries(monacoMessagesAr)) {
      expect(placeholders(arabic), source).toEqual(placeholders(source));
      expect(arabic, source).toMatch(/[\u0600-\u06ff]/u);
      expect(arabic.replace(/\{\d+\}|Enter|Tab/g, ''), source).not.toMatch(/[A-Za-z]/);
    }
  });

  it('puts each translation at every number of its English text, and nothing else', () => {
    const { messages } = messagesArray(monacoMessagesAr, english);
    for (const index of english.get('Replace')!) expect(messages[index]).toBe(monacoMessagesAr.Replace);
    expect(messages.filter((message) => message !== null).length).toBe(
      Object.keys(monacoMessagesAr).reduce((count, text) => count + english.get(text)!.length, 0),
    );
  });
});
