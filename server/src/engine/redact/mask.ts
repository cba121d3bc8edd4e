import type { MaskPolicy } from '../types';
import { isAlnum } from '../scan/chars';

/**
 * Masks a value as written: keeps `keepStart` leading and `keepEnd` trailing digits/letters,
 * replaces the others with the mask character, and keeps separators and length.
 * A policy that would keep everything (a short value) keeps at most half instead.
 */
export function maskValue(raw: string, policy: MaskPolicy): string {
  const prefix = policy.keepPrefix?.exec(raw)?.[0] ?? '';
  return prefix + maskCore(raw.slice(prefix.length), policy);
}

function maskCore(raw: string, policy: MaskPolicy): string {
  let total = 0;
  for (let i = 0; i < raw.length; i++) if (isAlnum(raw.charCodeAt(i))) total++;
  let keepStart = policy.keepStart;
  let keepEnd = policy.keepEnd;
  if (keepStart + keepEnd >= total) {
    while (keepStart + keepEnd > Math.floor(total / 2)) {
      if (keepStart >= keepEnd && keepStart > 0) keepStart--;
      else keepEnd--;
    }
  }
  // Common case, no separators: three slices instead of a string built char by char.
  if (total === raw.length) return raw.slice(0, keepStart) + policy.char.repeat(total - keepStart - keepEnd) + raw.slice(total - keepEnd);
  let out = '';
  let seen = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (!isAlnum(raw.charCodeAt(i))) {
      out += ch;
      continue;
    }
    out += seen < keepStart || seen >= total - keepEnd ? ch : policy.char;
    seen++;
  }
  return out;
}
