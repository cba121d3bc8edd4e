import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Lang } from '../l10n/messages';
import { t } from '../l10n/messages';
import { isInside, realOrSelf } from './paths';

/**
 * The key of `pseudonymize` and `fake` (and of the audit log's fingerprints), for the CLI.
 *
 * - `--key-file FILE`: the file's bytes are the key (one trailing line break, LF or CRLF, is
 *   dropped, so `openssl rand -hex 32 > key` works: the key is then the 64 hex characters).
 * - else the `SDGUARD_KEY` environment variable: `hex:…` or `base64:…` give those bytes, any
 *   other text is its UTF-8 bytes.
 *
 * Never from the workspace: a key file inside a folder (or equal to a file) being redacted is
 * refused, since it would be read as data, and with `--out` copied next to the data it protects.
 * A key shorter than MIN_KEY_BYTES is refused too: a short key can be guessed, and then every
 * pseudonym and fingerprint reversed by trying all ID numbers.
 */
const MIN_KEY_BYTES = 16;

const KEY_ENV = 'SDGUARD_KEY';

/** A key that cannot be used (unreadable file, bad encoding, too short, inside the tree). */
export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

export interface LoadedKey {
  key: Uint8Array;
  /** Where it came from, for messages: `--key-file PATH` or `SDGUARD_KEY`. */
  source: string;
}

/**
 * The key from `--key-file` (wins when given) or `SDGUARD_KEY`; undefined when neither is given.
 * @param inputs the paths being redacted (a key file inside one of them is refused)
 * @throws KeyError
 */
export function loadKey(keyFile: string | undefined, env: NodeJS.ProcessEnv, inputs: readonly string[], lang: Lang): LoadedKey | undefined {
  if (keyFile !== undefined) {
    const abs = resolve(keyFile);
    let bytes: Buffer;
    try {
      bytes = readFileSync(abs);
    } catch (e) {
      throw new KeyError(t(lang, 'redact.keyUnreadable', keyFile, (e as Error).message));
    }
    const inside = treeHolding(abs, inputs);
    if (inside !== undefined) throw new KeyError(t(lang, 'redact.keyInTree', keyFile, inside));
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0a) end--;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    return checked(bytes.subarray(0, end), `--key-file ${keyFile}`, lang);
  }
  const text = env[KEY_ENV];
  if (text === undefined || text === '') return undefined;
  return checked(decodeKeyText(text, lang), KEY_ENV, lang);
}

/** `hex:…`, `base64:…`, or UTF-8 text. */
export function decodeKeyText(text: string, lang: Lang): Uint8Array {
  const m = /^(hex|base64):(.*)$/is.exec(text);
  if (!m) return Buffer.from(text, 'utf8');
  const body = m[2].trim();
  if (m[1].toLowerCase() === 'hex') {
    if (!/^(?:[0-9a-f]{2})*$/i.test(body)) throw new KeyError(t(lang, 'redact.keyBadEncoding', KEY_ENV, 'hex'));
    return Buffer.from(body, 'hex');
  }
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(body) || body.replace(/=+$/, '').length % 4 === 1) throw new KeyError(t(lang, 'redact.keyBadEncoding', KEY_ENV, 'base64'));
  return Buffer.from(body, 'base64');
}

function checked(key: Uint8Array, source: string, lang: Lang): LoadedKey {
  if (key.length < MIN_KEY_BYTES) throw new KeyError(t(lang, 'redact.keyShort', source, key.length, MIN_KEY_BYTES));
  return { key, source };
}

/** The input (as given) that holds `file`: a folder it lies in, or the same file; undefined if none. */
function treeHolding(file: string, inputs: readonly string[]): string | undefined {
  const real = realOrSelf(file);
  for (const input of inputs) {
    const root = realOrSelf(resolve(input));
    if (real === root) return input;
    let isDir = false;
    try {
      isDir = statSync(root).isDirectory();
    } catch {
      continue;
    }
    if (isDir && isInside(real, root)) return input;
  }
  return undefined;
}
