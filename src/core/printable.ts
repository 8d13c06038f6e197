/**
 * Text someone else chose (a request's headers, a URL the user typed) as a log line or a
 * message may show it: printable ASCII only (anything else becomes `?`, so no control
 * character or escape sequence reaches a terminal or a log), and not a page of it.
 */
export function printable(text: string | undefined, max = 100): string {
  return text === undefined ? '-' : text.replace(/[^\x20-\x7e]/g, '?').slice(0, max);
}
