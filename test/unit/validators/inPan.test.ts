import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { validPan } from '../../../server/src/engine/validators/inPan';
import { makeRng } from '../../support/synth';
import { synthPan } from '../../support/synthIntl';
import { readVectors } from '../../support/vectors';

describe('validators/inPan (India PAN)', () => {
  it('public vectors (python-stdnum test_in_pan.doctest, stdnum-js src/in/pan.spec.ts)', () => {
    const valid = readVectors('in-pan.valid.txt');
    const invalid = readVectors('in-pan.invalid.txt');
    assert.ok(valid.length >= 5 && invalid.length >= 3);
    valid.forEach((v) => assert.equal(validPan(v), true, v));
    invalid.forEach((v) => assert.equal(validPan(v), false, v));
  });

  it('checks the holder type (4th letter) and the serial', () => {
    for (const t of 'ABCFGHJKLPT') assert.equal(validPan(`ABC${t}A3211G`), true, t);
    for (const t of 'DEIMNOQRSUVWXYZ') assert.equal(validPan(`ABC${t}A3211G`), false, t);
    assert.equal(validPan('ACUPA0000R'), false);
    assert.equal(validPan('ACUPA0001R'), true);
  });

  it('rejects bad shapes, reads from offsets', () => {
    for (const v of ['', 'ACUPA7085', 'ACUPA7085RR', 'acupa7085r', 'ACUP17085R', 'ACUPA70851']) assert.equal(validPan(v), false, v);
    assert.equal(validPan('PAN:ACUPA7085R.', 4, 14), true);
  });

  it('1,000 generated numbers validate; random 10-character codes rarely do (property)', () => {
    const rng = makeRng(139);
    for (let i = 0; i < 1000; i++) assert.equal(validPan(synthPan(rng)), true);
    fc.assert(fc.property(fc.stringMatching(/^[A-Z0-9]{10}$/), (v) => !validPan(v) || /^[A-Z]{3}[ABCFGHJKLPT][A-Z]\d{4}[A-Z]$/.test(v)));
  });
});
