// Errors thrown deep down (an option check, a decoder, a baseline reader) know what went wrong
// but not the user's language; whoever reports them does. Such an error says itself in either
// language; its `message` is the English, for logs and for errors that cross threads.
import type { Lang } from './messages';

export class LocalizedError extends Error {
  constructor(private readonly say: (lang: Lang) => string) {
    super(say('en'));
  }

  /** The message in `lang`. */
  in(lang: Lang): string {
    return this.say(lang);
  }
}

/** An error's message in `lang`: its own words in both languages when it has them, else its message. */
export function messageIn(e: unknown, lang: Lang): string {
  return e instanceof LocalizedError ? e.in(lang) : e instanceof Error ? e.message : String(e);
}
