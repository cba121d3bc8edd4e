/**
 * Fingerprints of a finding's value, computed where the value is (in the scan's sink, in whichever
 * thread scans the file) so that only the fingerprint travels on; the value never leaves the scan.
 *
 * Two kinds, for two uses:
 *
 * - **Baseline fingerprint** (`.sdguard-baseline.json`, committed to the repository and kept for
 *   years): keyed *and* deliberately slow,
 *   `scrypt(HMAC-SHA256(key, "sdguard/baseline/v1" ‖ rule id ‖ canonical value), salt, N, r, p)`,
 *   16 bytes, hex. The key (`SDGUARD_KEY` / `--key-file`) is what makes it unguessable: an
 *   18-digit resident ID has about 10¹¹ possible values, a mobile number fewer, so a plain or
 *   salted SHA-256 could be reversed by trying them all. scrypt is there in case the key leaks
 *   (it is a CI secret shared by many): then each guess still costs one scrypt. The salt is random
 *   per baseline and stored in it; the parameters are stored too, so files written with other
 *   parameters stay readable. Default parameters: N = 2¹⁴, r = 8, p = 1 (16 MiB; the "interactive"
 *   parameters of the scrypt paper). Cost is paid once per distinct (rule, value) per thread
 *   (cached), and only for findings that could match an entry (same file and rule).
 * - **SARIF fingerprint** (`partialFingerprints`, which GitHub code scanning uses to follow an
 *   alert across runs): fast, since it is computed for every result of a report that may hold
 *   hundreds of thousands: HMAC-SHA256(key, "sdguard/sarif/v1" ‖ rule id ‖ canonical value) when a
 *   key is given; without a key, a fast (non-cryptographic) hash of the rule id and the *masked*
 *   value only (see report/sarif), which tells nothing the report's snippet does not show.
 *
 * The canonical value is the one pseudonyms and audit fingerprints use: normalized (ASCII digits
 * and upper-case letters, separators dropped, full-width folded), a mobile number without +86, so
 * `6222 0212 3456 7890` and `6222021234567890` have the same fingerprint.
 */
import { createHmac, scryptSync } from 'node:crypto';
import { canonicalOf } from '../../engine/redact/operators';

export interface ScryptParams {
  algorithm: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** Bytes of output (hex in the file: twice as many characters). */
  keyLength: number;
}

/** The parameters new baselines are written with (see above). */
export const DEFAULT_SCRYPT: ScryptParams = { algorithm: 'scrypt', N: 1 << 14, r: 8, p: 1, keyLength: 16 };

/** What a scan computes per finding besides its masked value (structured-cloneable: it goes to worker threads). */
export interface FingerprintOptions {
  /** The keyed slow fingerprint of baselines. */
  baseline?: {
    key: Uint8Array;
    salt: Uint8Array;
    params: ScryptParams;
    /**
     * `path\0ruleId` (paths as reports show them) of the findings that need one: a finding with no
     * baseline entry in its file under its rule is new whatever its value, so it is not hashed.
     * Undefined: every finding (when writing a baseline).
     */
    only?: string[];
  };
  /** The key of the fast SARIF fingerprint (`partialFingerprints`). */
  sarifKey?: Uint8Array;
}

/** The fingerprints of one finding, as ReportedFinding carries them. */
interface FindingFingerprints {
  /** Keyed slow fingerprint (hex) for baseline matching. */
  baselineFingerprint?: string;
  /** Keyed fast fingerprint (hex) for SARIF partialFingerprints. */
  valueFingerprint?: string;
}

/** The keyed slow fingerprint of a canonical value. */
export function slowFingerprint(key: Uint8Array, salt: Uint8Array, params: ScryptParams, ruleId: string, value: string): string {
  const secret = createHmac('sha256', key).update(`sdguard/baseline/v1\u0000${ruleId}\u0000${value}`, 'utf8').digest();
  return scryptSync(secret, salt, params.keyLength, scryptOptions(params)).toString('hex');
}

/** Proof that a baseline was written with a given key, without telling the key: as slow as a fingerprint. */
export function keyCheck(key: Uint8Array, salt: Uint8Array, params: ScryptParams): string {
  const secret = createHmac('sha256', key).update('sdguard/baseline/key-check/v1', 'utf8').digest();
  return scryptSync(secret, salt, params.keyLength, scryptOptions(params)).toString('hex');
}

function scryptOptions(params: ScryptParams) {
  // Node refuses more than 32 MiB by default; allow what the parameters need (128·N·r bytes) and some.
  return { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + (1 << 20) };
}

/** The keyed fast fingerprint of SARIF results, 128 bits in hex. */
function sarifValueFingerprint(key: Uint8Array, ruleId: string, value: string): string {
  return createHmac('sha256', key).update(`sdguard/sarif/v1\u0000${ruleId}\u0000${value}`, 'utf8').digest('hex').slice(0, 32);
}

/**
 * Without a key: a hash of what the report shows anyway (the rule and the masked value), so it
 * needs no secrecy, only speed (it runs once per SARIF result): cyrb53, a 53-bit multiplicative
 * hash of the UTF-16 code units, as a number (callers print it in hex).
 */
export function maskedHash(ruleId: string, masked: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < ruleId.length; i++) {
    const c = ruleId.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  // A separator that no rule id contains.
  h1 = Math.imul(h1, 2654435761);
  h2 = Math.imul(h2, 1597334677);
  for (let i = 0; i < masked.length; i++) {
    const c = masked.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Per thread, what was worked out per options object (one per run and thread): the fingerprints
 * already computed, by rule and canonical value (a value repeated across rows and files is
 * scrypt-hashed once), and `baseline.only` as the rule ids wanted per file.
 */
const caches = new WeakMap<FingerprintOptions, { slow: Map<string, string>; only?: Map<string, Set<string>> }>();

function cacheOf(options: FingerprintOptions) {
  let c = caches.get(options);
  if (!c) caches.set(options, (c = { slow: new Map(), ...(options.baseline?.only ? { only: rulesByPath(options.baseline.only) } : {}) }));
  return c;
}

/** `path\0ruleId` keys → the rule ids of each path. */
function rulesByPath(only: readonly string[]): Map<string, Set<string>> {
  const byPath = new Map<string, Set<string>>();
  for (const k of only) {
    const at = k.indexOf('\u0000');
    const path = k.slice(0, at);
    let rules = byPath.get(path);
    if (!rules) byPath.set(path, (rules = new Set()));
    rules.add(k.slice(at + 1));
  }
  return byPath;
}

/**
 * The function a scan of file `path` calls per finding with its rule and raw text, or undefined
 * when nothing is to be computed for this file: no SARIF key, and no baseline fingerprint wanted
 * here (no baseline, or none of its entries in this file). The canonical value is computed only
 * for a finding that gets a fingerprint.
 */
export function fingerprinterFor(options: FingerprintOptions | undefined, path: string): ((ruleId: string, raw: string) => FindingFingerprints) | undefined {
  if (!options || (!options.baseline && !options.sarifKey)) return undefined;
  const cache = cacheOf(options);
  const { baseline, sarifKey } = options;
  // The rules whose findings here get a slow fingerprint: all (writing a baseline), those with entries in this file, or none.
  const slowRules: ReadonlySet<string> | 'all' | undefined = baseline ? (cache.only ? cache.only.get(path) : 'all') : undefined;
  if (!slowRules && !sarifKey) return undefined;
  return (ruleId, raw) => {
    const out: FindingFingerprints = {};
    const slow = slowRules === 'all' || slowRules?.has(ruleId) === true;
    if (!slow && !sarifKey) return out;
    const value = canonicalOf(ruleId, raw);
    if (slow) {
      const id = `${ruleId}\u0000${value}`;
      let fp = cache.slow.get(id);
      if (fp === undefined) cache.slow.set(id, (fp = slowFingerprint(baseline!.key, baseline!.salt, baseline!.params, ruleId, value)));
      out.baselineFingerprint = fp;
    }
    // Not cached: an HMAC costs about a microsecond, and a cache would grow with a large export.
    if (sarifKey) out.valueFingerprint = sarifValueFingerprint(sarifKey, ruleId, value);
    return out;
  };
}
