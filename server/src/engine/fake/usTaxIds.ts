/** US taxpayer numbers (SSN, ITIN, EIN), drawn from an Rng within the ranges the IRS and SSA issue. */

import { einPrefixes, validSsn } from '../validators/usTaxIds';
import { pad, pick, randInt, randomDigits, type Rng } from './keyedRandom';

/** A structurally valid SSN (9 digits). */
export function synthSsn(rng: Rng): string {
  for (;;) {
    let area = randInt(rng, 1, 899);
    if (area === 666) area = 665;
    const v = pad(area, 3) + pad(randInt(rng, 1, 99), 2) + pad(randInt(rng, 1, 9999), 4);
    if (validSsn(v)) return v;
  }
}

const ITIN_GROUPS = [
  ...Array.from({ length: 16 }, (_, i) => 50 + i),
  ...Array.from({ length: 19 }, (_, i) => 70 + i),
  90,
  91,
  92,
  94,
  95,
  96,
  97,
  98,
  99,
];

/** A structurally valid ITIN (9 digits starting with 9, group in an IRS range). */
export function synthItin(rng: Rng): string {
  return '9' + randomDigits(rng, 2) + pad(pick(rng, ITIN_GROUPS), 2) + randomDigits(rng, 4);
}

/** A structurally valid EIN (9 digits with an assigned prefix). */
export function synthEin(rng: Rng): string {
  return pad(pick(rng, einPrefixes()), 2) + randomDigits(rng, 7);
}

export function fakeSsn(template: string, rng: Rng): string | undefined {
  return template.length === 9 ? synthSsn(rng) : undefined;
}

export function fakeItin(template: string, rng: Rng): string | undefined {
  return template.length === 9 ? synthItin(rng) : undefined;
}

export function fakeEin(template: string, rng: Rng): string | undefined {
  return template.length === 9 ? synthEin(rng) : undefined;
}
