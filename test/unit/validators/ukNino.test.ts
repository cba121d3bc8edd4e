import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { validNino } from '../../../server/src/engine/validators/ukNino';
import { makeRng } from '../../support/synth';
import { synthNino } from '../../support/synthIntl';
import { readVectors } from '../../support/vectors';

describe('validators/ukNino', () => {
  it('public vectors (stdnum-js src/gb/nino.spec.ts)', () => {
    const valid = readVectors('uk-nino.valid.txt');
    const invalid = readVectors('uk-nino.invalid.txt');
    assert.ok(valid.length >= 4 && invalid.length >= 8);
    valid.forEach((v) => assert.equal(validNino(v), true, v));
    invalid.forEach((v) => assert.equal(validNino(v), false, v));
  });

  it('applies the HMRC prefix rules', () => {
    for (const bad of 'DFIQUV') {
      assert.equal(validNino(`${bad}A123456C`), false, `first ${bad}`);
      assert.equal(validNino(`A${bad}123456C`), false, `second ${bad}`);
    }
    assert.equal(validNino('AO123456C'), false);
    assert.equal(validNino('OA123456C'), true);
    for (const p of ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']) assert.equal(validNino(`${p}123456C`), false, p);
    assert.equal(validNino('BH123456C'), true);
  });

  it('accepts suffix A-D or none', () => {
    for (const s of 'ABCD') assert.equal(validNino(`AB123456${s}`), true, s);
    for (const s of 'EFMPZ1') assert.equal(validNino(`AB123456${s}`), false, s);
    assert.equal(validNino('AB123456'), true);
  });

  it('needs upper case (the scanner upper-cases), rejects bad shapes, reads from offsets', () => {
    for (const v of ['', 'ab123456c', 'AB12345C', 'AB1234567C', 'A1123456C', 'AB 12 34 56 C']) assert.equal(validNino(v), false, v);
    assert.equal(validNino('NINO:AB123456C.', 5, 14), true);
  });

  it('1,000 generated numbers validate', () => {
    const rng = makeRng(1948);
    for (let i = 0; i < 1000; i++) assert.equal(validNino(synthNino(rng)), true);
  });

  it('agrees with the rule pattern (property)', () => {
    const pattern = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]?$/;
    fc.assert(fc.property(fc.stringMatching(/^[A-Z]{2}\d{6}[A-Z]?$/), (v) => validNino(v) === pattern.test(v)));
  });
});
