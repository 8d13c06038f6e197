import type { Language, UserMessage } from './message-for.js';

const LABELS: Readonly<Record<Language, { error: string; warning: string; info: string; cause: string; remedy: string }>> = {
  ja: { error: 'エラー', warning: '注意', info: 'お知らせ', cause: '原因', remedy: '対処' },
  en: { error: 'Error', warning: 'Warning', info: 'Notice', cause: 'Cause', remedy: 'What to do' },
};

/** For the CLI and text reports: the message, its cause and its remedy — no stack, ever. */
export function formatUserError(message: UserMessage, language: Language = 'ja'): string {
  const labels = LABELS[language];
  const separator = language === 'ja' ? '：' : ': ';
  return [
    `${labels[message.severity]} [${message.code}]${separator}${message.text[language]}`,
    `${labels.cause}${separator}${message.cause[language]}`,
    `${labels.remedy}${separator}${message.remedy[language]}`,
  ].join('\n');
}
