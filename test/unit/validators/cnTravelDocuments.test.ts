import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { looksLikeDate8 } from '../../../server/src/engine/validators/dates';
import {
  validCnHkMacauPermit,
  validCnPassport,
  validCnTaiwanPermit,
} from '../../../server/src/engine/validators/cnTravelDocuments';
import { makeRng } from '../../support/synth';
import { synthHkMacauPermit, synthPassport, synthTaiwanPermit } from '../../support/synthCn';

type Check = (v: string, start?: number, end?: number) => boolean;

function table(check: Check, good: string[], bad: string[]): void {
  for (const v of good) assert.equal(check(v), true, `expected ${v} to pass`);
  for (const v of bad) assert.equal(check(v), false, `expected ${v} to fail`);
}

// Passports and permits carry no check digit: these are format checks (see cnTravelDocuments.ts).
describe('validators/cnTravelDocuments', () => {
  it('passports: E + 8 digits, E + letter (no I, O) + 7 digits, G + 8 digits, DE/SE/PE + 7 digits', () => {
    table(
      validCnPassport,
      ['E12345678', 'EA1234567', 'EZ7654321', 'G12345678', 'DE1234567', 'SE1234567', 'PE1234567'],
      ['', 'E1234567', 'E123456789', 'EI1234567', 'EO1234567', 'G1234567A', 'GA1234567', 'D12345678', 'S12345678', 'P12345678', 'SA1234567', 'A12345678', 'K12345678', 'MA1234567', '141234567', 'e12345678', 'E1234567X'],
    );
  });

  it('Hong Kong/Macao permits: C/W + 8 digits, C + letter + 7 digits, H/M + 8 or 10 digits', () => {
    table(
      validCnHkMacauPermit,
      ['C12345678', 'CA1234567', 'W12345678', 'H12345678', 'M12345678', 'H1234567800', 'M1234567801'],
      ['', 'C1234567', 'C123456789', 'CI1234567', 'CO1234567', 'WA1234567', 'H123456789', 'H12345678901', 'HA1234567', 'E12345678', 'L12345678', 'C12345678X', 'c12345678', 'W1234567800'],
    );
  });

  it('Taiwan permits: 8 digits (not a date), 10 digits + office letter, L + 8 digits', () => {
    table(
      validCnTaiwanPermit,
      ['12345678', '00012345', '34998589', '3499858901B', '0561682001D', 'L12345678', '19901301'],
      ['', '1234567', '123456789', '1234567890', '12345678901', '3499858901b', 'L1234567', 'L123456789', 'T12345678', '20300115', '19900101', '20240229'],
    );
  });

  it('looksLikeDate8: 1900-2099, real months and day ranges (29 February always allowed)', () => {
    for (const v of ['19000101', '20991231', '20240229', '20230229', '19991130']) assert.equal(looksLikeDate8(v, 0), true, v);
    for (const v of ['18991231', '21000101', '20241301', '20240001', '20240100', '20240230', '20240431', '12345678']) {
      assert.equal(looksLikeDate8(v, 0), false, v);
    }
  });

  it('checks values at an offset inside a longer text', () => {
    const text = '护照:E12345678,港澳:C12345678,台胞:34998589';
    assert.equal(validCnPassport(text, 3, 12), true);
    assert.equal(validCnHkMacauPermit(text, 16, 25), true);
    assert.equal(validCnTaiwanPermit(text, 29, 37), true);
    assert.equal(validCnPassport(text, 16, 25), false);
  });

  it('the three formats never accept the same value', () => {
    const rng = makeRng(2017);
    const checks: Check[] = [validCnPassport, validCnHkMacauPermit, validCnTaiwanPermit];
    const values = [
      ...['E', 'EX', 'G', 'DE', 'SE', 'PE'].map((kind) => synthPassport(rng, { kind: kind as 'E' })),
      ...['C', 'CX', 'W', 'H', 'M'].map((kind) => synthHkMacauPermit(rng, { kind: kind as 'C' })),
      synthTaiwanPermit(rng),
      synthTaiwanPermit(rng, { kind: 'L' }),
    ];
    for (const v of values) assert.equal(checks.filter((c) => c(v)).length, 1, v);
  });

  it('generated documents pass their own format and are deterministic per seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = makeRng(seed);
        return validCnPassport(synthPassport(rng)) && validCnHkMacauPermit(synthHkMacauPermit(rng)) && validCnTaiwanPermit(synthTaiwanPermit(rng));
      }),
    );
    assert.equal(synthPassport(makeRng(8)), synthPassport(makeRng(8)));
  });
});
