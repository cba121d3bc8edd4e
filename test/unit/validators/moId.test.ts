import { strict as assert } from 'node:assert';
import { validMoId } from '../../../server/src/engine/validators/moId';
import { makeRng } from '../../support/synth';
import { synthMoId } from '../../support/synthCn';

// No public test vectors and no published check digit algorithm: format only.
describe('validators/moId', () => {
  it('accepts 8 digits starting with 1, 5 or 7', () => {
    for (const v of ['12345678', '54357042', '72300207', '10000001']) assert.equal(validMoId(v), true, v);
  });

  it('rejects other first digits, lengths and characters', () => {
    for (const v of ['', '02345678', '22345678', '32345678', '42345678', '62345678', '82345678', '92345678', '1234567', '123456789', '1234567A', '1234567(8)', '１2345678']) {
      assert.equal(validMoId(v), false, v);
    }
  });

  it('rejects values that read as a date 19YYMMDD / 20YYMMDD (birth and expiry dates sit beside the same words)', () => {
    for (const v of ['19900301', '19991231', '19000101', '19800229']) assert.equal(validMoId(v), false, v);
    // not a real month or day: a possible number
    for (const v of ['19901301', '19900132', '19900230', '19990431']) assert.equal(validMoId(v), true, v);
  });

  it('checks the value at an offset inside a longer text', () => {
    const text = '澳门身份证:54357042,19900301';
    assert.equal(validMoId(text, 6, 14), true);
    assert.equal(validMoId(text, 15, 23), false);
  });

  it('synthetic numbers validate in both written forms', () => {
    const rng = makeRng(82);
    for (let i = 0; i < 1000; i++) {
      const written = synthMoId(rng);
      assert.match(written, /^[157]\d{6}\(\d\)$/);
      assert.equal(validMoId(written.replace(/[()]/g, '')), true, written);
    }
    assert.match(synthMoId(makeRng(1), { written: 'plain' }), /^[157]\d{7}$/);
    assert.equal(synthMoId(makeRng(4)), synthMoId(makeRng(4)), 'deterministic per seed');
  });
});
