import { strict as assert } from 'node:assert';
import { CONTEXT_FREE } from '../../server/src/engine/fake';
import { validBankCard } from '../../server/src/engine/validators/bankCard';
import { validCnMobile } from '../../server/src/engine/validators/cnMobile';
import { validResidentId15, validResidentId18 } from '../../server/src/engine/validators/cnResidentId';
import { validCnTaxpayerId } from '../../server/src/engine/validators/cnTaxpayerId';
import { validUscc } from '../../server/src/engine/validators/uscc';
import { builtinEngine } from '../support/engine';
import { makeRng } from '../support/synth';
import { synthBankAccount } from '../support/synthCn';

describe('fake: what the generators rely on', () => {
  it('CONTEXT_FREE is the validators of the built-in rules reported without context (but excel-mangled)', () => {
    const fromPacks = builtinEngine()
      .rules.filter((r) => !r.contextRequired && r.validator !== undefined && r.validator !== 'excel-mangled')
      .map((r) => r.validator!);
    assert.deepEqual([...CONTEXT_FREE].sort(), [...new Set(fromPacks)].sort());
  });

  it('a bank account number is nothing else: no card, mobile, resident ID, credit code or taxpayer ID', () => {
    const rng = makeRng(2207);
    for (let length = 9; length <= 25; length++) {
      for (let i = 0; i < 300; i++) {
        const v = synthBankAccount(rng, { length });
        assert.equal(v.length, length);
        const other = [validBankCard, validCnMobile, validResidentId18, validResidentId15, validUscc, validCnTaxpayerId].find((ok) => ok(v));
        assert.equal(other, undefined, `length ${length}: ${other?.name}`);
      }
    }
  });
});
