/**
 * Legacy taxpayer identification numbers of mainland China (纳税人识别号 / 税务登记证号), in use
 * before the unified social credit code (GB 32100-2015, rule cn-uscc) replaced them for
 * organizations, and still found in old client files and ledgers. State Taxation
 * Administration notice 国税函〔2006〕820号 (关于进一步明确纳税人识别号有关编码规则的通知) and
 * the coding rules commonly quoted from it:
 *
 *   15 characters  organizations: the 6-digit administrative division code (GB/T 2260) of the
 *                  tax office + the 9-character organization code (GB 11714-1997: 8 digits or
 *                  upper-case letters and a check character 0-9 or X), the `-` dropped.
 *                  Positions 3-17 of a unified social credit code are exactly this number.
 *   17 characters  individual businesses (个体工商户) registered on a legacy 15-digit resident
 *                  ID: the ID + a 2-digit sequence.
 *   20 characters  individual businesses on an 18-digit resident ID: the ID + a 2-digit
 *                  sequence (00 for the first business on that ID, then 01, 02 …); some offices
 *                  wrote a legacy 15-digit ID + 00000.
 *   18 characters  an individual's resident ID itself: rule cn-resident-id finds it.
 *
 * Not covered: the 15-digit codes tax offices assigned themselves to taxpayers without an
 * organization code (province, area, economic type, industry and a local sequence: no check
 * character), and region code + passport/permit number for foreigners and HK/Macao/Taiwan
 * residents (free-form).
 *
 * Verdicts: a checked organization code or resident ID check character is CHECKSUM, except
 * for an all-digit 15-digit number, which is WEAK (reported only with a hotword or header):
 * one in 11 of any region-prefixed 15-digit number passes the GB 11714 check by chance, and
 * such numbers are common (legacy resident IDs, business licence registration numbers,
 * some bank accounts). Forms built on a legacy 15-digit ID have no check character: WEAK.
 */

import { isKnownRegionCode } from './cnRegionCodes';
import { validResidentId15, validResidentId18 } from './cnResidentId';
import { allDigits } from './digits';
import { CHECKSUM, INVALID, WEAK, type Verdict } from './types';
import { validOrgCode } from './uscc';

/**
 * The verdict on `v[start, end)` as a legacy taxpayer identification number (normalized:
 * upper-case, no separators): CHECKSUM, WEAK or INVALID as described above. Never throws.
 */
export function cnTaxpayerIdVerdict(v: string, start = 0, end = v.length): Verdict {
  switch (end - start) {
    case 15: {
      if (!isKnownRegionCode(v, start) || !validOrgCode(v, start + 6)) return INVALID;
      return allDigits(v, start + 6, end) ? WEAK : CHECKSUM;
    }
    case 17:
      return validResidentId15(v, start, start + 15) && allDigits(v, start + 15, end) ? WEAK : INVALID;
    case 20: {
      if (validResidentId18(v, start, start + 18)) {
        if (!allDigits(v, start + 18, end)) return INVALID;
        // The sequence counts businesses on one ID from 00; 10 or more on one ID is implausible.
        return v.charCodeAt(start + 18) === 48 ? CHECKSUM : WEAK;
      }
      const zeros = v.charCodeAt(start + 15) === 48 && v.charCodeAt(start + 16) === 48 && v.charCodeAt(start + 17) === 48 && v.charCodeAt(start + 18) === 48 && v.charCodeAt(start + 19) === 48;
      return zeros && validResidentId15(v, start, start + 15) ? WEAK : INVALID;
    }
    default:
      return INVALID;
  }
}

/** Whether `v[start, end)` passes as a legacy taxpayer identification number at all (any verdict above INVALID). */
export function validCnTaxpayerId(v: string, start = 0, end = v.length): boolean {
  return cnTaxpayerIdVerdict(v, start, end) !== INVALID;
}
