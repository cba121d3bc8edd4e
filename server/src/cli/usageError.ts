import { LocalizedError } from '../l10n/localizedError';
import { t, type Key, type Lang } from '../l10n/messages';

/** A mistake in the command line: main() prints it in the user's language, with the usage text, and exits 2. */
export class UsageError extends LocalizedError {
  constructor(key: Key, ...args: (string | number)[]) {
    super((lang) => t(lang, key, ...args));
  }
}

/**
 * A command-line mistake's message in `lang`, or undefined for an error that is not one: ours, or
 * node:util parseArgs's (its messages are English only; the option it names is kept).
 */
export function usageMessage(e: unknown, lang: Lang): string | undefined {
  if (e instanceof UsageError) return e.in(lang);
  const code = (e as { code?: string }).code;
  if (!code?.startsWith('ERR_PARSE_ARGS')) return undefined;
  const message = (e as Error).message;
  const named = /'([^' ]+)(?: <value>)?'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return t(lang, 'usage.unknownOption', named);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return t(lang, 'usage.unexpected', named);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return t(lang, / argument (?:missing|is ambiguous)/.test(message) ? 'usage.optionValue' : 'usage.noValue', named);
  return message;
}
