/**
 * The `fake` operator: a deterministic synthetic value of the same type that passes the same
 * validators, derived from a keyed hash of the value (see keyedRandom.ts), so test data made from
 * production exports still passes downstream validation, the same value always becomes the same
 * fake (sheets still join), and the fake cannot be turned back into the value without the key.
 *
 * One generator per identifier family, chosen by the rule's validator (python-stdnum style: one
 * small module each). A generator receives the normalized value as a template (digits and
 * upper-case letters only) and returns a normalized value of the same length and form: the same
 * card brand and length, the same residence permit region, the same IBAN country, passport kind,
 * HKID letter count, country code of a mobile number, and so on. The written layout is then
 * copied from the original (fakeReplacement): separators at the same places, the same case and
 * width (full-width digits stay full-width), `+86 ` and the parentheses of `A123456(7)` kept.
 *
 * A candidate is used only when the rule's own pattern accepts it, its validator's verdict is at
 * least the original's (a checksum-valid value gives a checksum-valid fake), it differs from the
 * original, and no rule reported without context (card, resident ID, credit code, mobile, HKID…)
 * would claim it unless it claimed the original too (so a re-scan finds the fake under the same
 * rule); otherwise the generator draws again from the same keyed stream. Fakes are stable for a
 * given version of the generators (the stream is labelled `sdguard/fake/v1`). Rules with a
 * validator no generator knows (custom rules) get a generic fake: each digit replaced by a digit
 * (letters kept, or replaced too when that never fits), drawn until the pattern and validator
 * accept it.
 *
 * No fake (undefined, and the caller masks instead) for `excel-mangled` values, whose digits are
 * already lost (a fake would pretend to a precision the data no longer has), and when no valid
 * candidate turns up (a value of a length its family does not issue).
 */

import { normalizeSpan } from '../scan/scanner';
import { ALNUM as ALNUM_CLASS, CLASS, LOWER, UPPER as UPPER_CLASS, WIDE } from '../scan/chars';
import type { Rule } from '../types';
import { getValidator, STRUCTURE } from '../validators';
import { fakeBankAccount } from './bankAccount';
import { fakeBankCard } from './bankCard';
import { fakeCnpj, fakeCpf } from './brazil';
import { fakeSin } from './caSin';
import { fakeHkid } from './hkid';
import { fakeIban } from './iban';
import { fakeAadhaar, fakePan } from './india';
import { keyedRng, pick, randomDigits, UPPER, type Rng } from './keyedRandom';
import { fakeRrn } from './korea';
import { fakeMobile, mobileCore } from './mobile';
import { fakeMoId } from './moId';
import { fakeMyNumber } from './myNumber';
import { fakeResidentId, fakeResidentId15 } from './residentId';
import { fakeNric } from './singapore';
import { fakeSteuerId } from './steuerId';
import { fakeTaxpayerId } from './taxpayerId';
import { fakeHkMacauPermit, fakePassport, fakeTaiwanPermit } from './travelDocuments';
import { fakeTwId } from './twId';
import { fakeNino } from './ukNino';
import { fakeEin, fakeItin, fakeSsn } from './usTaxIds';
import { fakeUscc } from './uscc';

/** A generator: a normalized value of the template's length and form, or undefined for a form it does not make. */
export type FakeGenerator = (template: string, rng: Rng) => string | undefined;

/** Generators by validator name. `excel-mangled` has none on purpose (see above). */
const GENERATORS: Readonly<Record<string, FakeGenerator>> = {
  'cn-resident-id': fakeResidentId,
  'cn-resident-id-15': fakeResidentId15,
  uscc: fakeUscc,
  'cn-mobile': fakeMobile,
  'cn-taxpayer-id': fakeTaxpayerId,
  'cn-passport': fakePassport,
  'cn-hk-macau-permit': fakeHkMacauPermit,
  'cn-taiwan-permit': fakeTaiwanPermit,
  'cn-bank-account': fakeBankAccount,
  'hk-id': fakeHkid,
  'mo-id': fakeMoId,
  'tw-id': fakeTwId,
  'bank-card': fakeBankCard,
  'iban-mod97': fakeIban,
  'us-ssn': fakeSsn,
  'us-itin': fakeItin,
  'us-ein': fakeEin,
  'uk-nino': fakeNino,
  'ca-sin': fakeSin,
  'in-aadhaar': fakeAadhaar,
  'in-pan': fakePan,
  'sg-nric': fakeNric,
  'br-cpf': fakeCpf,
  'br-cnpj': fakeCnpj,
  'kr-rrn': fakeRrn,
  'jp-my-number': fakeMyNumber,
  'de-tax-id': fakeSteuerId,
};

/** Validators whose values cannot be faked meaningfully: the caller masks them. */
const NOT_FAKED = new Set(['excel-mangled']);

/**
 * Validators of the rules reported without any context. A fake that one of them accepts
 * (verdict STRUCTURE or better) when the original was not accepted is drawn again: otherwise
 * that rule could take the fake's span from the original's rule (a 15-digit legacy ID from
 * Anhui, 34…, can pass as an Amex card number).
 *
 * A copy of `context.required: false` in the built-in packs (a test compares them): a fake is
 * made for one rule, without the engine's other rules at hand. excel-mangled, also reported
 * without context, is left out: it accepts only numbers ending in Excel's zeros or written with
 * an exponent, and its own values are never faked.
 */
export const CONTEXT_FREE = ['bank-card', 'cn-resident-id', 'uscc', 'cn-mobile', 'cn-taxpayer-id', 'hk-id', 'tw-id', 'iban-mod97', 'sg-nric'];

/** Draws before giving up (the generators rarely need a second one; the generic one ~10 for a check digit). */
const MAX_DRAWS = 256;

/** Whether rule values can be faked at all (false: the caller masks them). */
export function canFake(rule: Rule): boolean {
  return rule.validator === undefined || !NOT_FAKED.has(rule.validator);
}

/**
 * The value as compared across files: normalized (digits and upper-case letters, full-width
 * folded, separators dropped), and a mobile number without its country code, so `+86 139 1234
 * 5678`, `8613912345678` and `139-1234-5678` are one value.
 */
export function canonicalValue(normalized: string, validator: string | undefined): string {
  return validator === 'cn-mobile' ? mobileCore(normalized) : normalized;
}

/**
 * The fake of a normalized value under `rule` and `key`: same length and form, passing the rule's
 * pattern and validator; undefined when there is none (see above).
 */
export function fakeNormalized(value: string, rule: Rule, key: Uint8Array): string | undefined {
  if (!canFake(rule)) return undefined;
  const validator = rule.validator === undefined ? undefined : getValidator(rule.validator);
  const generate = (rule.validator !== undefined && GENERATORS[rule.validator]) || genericFake;
  const verdictOf = (v: string): number => (validator ? validator.validate(v, 0, v.length) : 1);
  const wanted = Math.max(1, verdictOf(value));
  const others = CONTEXT_FREE.filter((name) => name !== rule.validator)
    .map((name) => getValidator(name)!)
    .filter((o) => o.validate(value, 0, value.length) < STRUCTURE);
  const rng = keyedRng(key, 'sdguard/fake/v1', rule.id, canonicalValue(value, rule.validator));
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const v = (generate === genericFake && draw >= MAX_DRAWS / 2 ? genericFakeAll : generate)(value, rng);
    if (v === undefined) return undefined;
    if (v.length === value.length && v !== value && rule.pattern.test(v) && verdictOf(v) >= wanted && others.every((o) => o.validate(v, 0, v.length) < STRUCTURE)) return v;
  }
  return undefined;
}

/**
 * For rules no family generator knows: each digit replaced by a random digit, letters kept (in
 * custom rules they are mostly fixed type codes, `EMP123456`); a value with no digits gets random
 * letters. (fakeNormalized turns to genericFakeAll when this never satisfies the rule.)
 */
function genericFake(template: string, rng: Rng): string {
  if (!/\d/.test(template)) return genericFakeAll(template, rng);
  let out = '';
  for (const ch of template) out += ch >= 'A' && ch <= 'Z' ? ch : randomDigits(rng, 1);
  return out;
}

/** Each digit replaced by a digit and each letter by a letter. */
function genericFakeAll(template: string, rng: Rng): string {
  let out = '';
  for (const ch of template) out += ch >= 'A' && ch <= 'Z' ? pick(rng, UPPER) : randomDigits(rng, 1);
  return out;
}

/**
 * The fake written like `raw`: each digit or letter of `raw` replaced, in order, by the next
 * character of `fake` (a normalized value as long as `raw` has digits and letters) in the same
 * case and width; every other character (separators, `+`, parentheses) kept where it is. A
 * letter where `raw` had a digit takes the case of the letters of `raw` (lower when all of them
 * are lower-case).
 */
export function applyLayout(raw: string, fake: string): string {
  let lowerValue = false;
  let upperSeen = false;
  for (let i = 0; i < raw.length; i++) {
    const f = CLASS[raw.charCodeAt(i)];
    if ((f & LOWER) !== 0) lowerValue = true;
    else if ((f & UPPER_CLASS) !== 0) upperSeen = true;
  }
  if (upperSeen) lowerValue = false;
  let out = '';
  let k = 0;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    const f = CLASS[code];
    if ((f & ALNUM_CLASS) === 0) {
      out += raw[i];
      continue;
    }
    let c = fake.charCodeAt(k++);
    const letter = c >= 65 && c <= 90;
    if (letter && ((f & LOWER) !== 0 || ((f & UPPER_CLASS) === 0 && lowerValue))) c += 32;
    if ((f & WIDE) !== 0) c += 0xfee0;
    out += String.fromCharCode(c);
  }
  return out;
}

/**
 * The `fake` replacement of a finding's text `raw` under `rule`, in the layout of `raw`;
 * undefined when the value cannot be faked (excel-mangled, or no valid candidate): mask it then.
 */
export function fakeReplacement(raw: string, rule: Rule, key: Uint8Array): string | undefined {
  const value = normalizeSpan(raw, 0, raw.length);
  if (value.length === 0) return undefined;
  const fake = fakeNormalized(value, rule, key);
  return fake === undefined ? undefined : applyLayout(raw, fake);
}
