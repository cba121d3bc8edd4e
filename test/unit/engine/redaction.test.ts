import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyEdits, redactionEdits } from '../../../server/src/engine/redact/edits';
import { maskValue } from '../../../server/src/engine/redact/mask';
import { builtinEngine } from '../../support/engine';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../../support/synth';

const engine = builtinEngine();
const policy = (id: string) => engine.rule(id)!.mask;

describe('masking and redaction', () => {
  it('masks by rule policy, keeping length and separators', () => {
    assert.equal(maskValue('6222 0252 6018 1590 832', policy('bank-card')), '6222 02** **** ***0 832');
    assert.equal(maskValue('4111-1111-1111-1111', policy('bank-card')), '4111-11**-****-1111');
    assert.equal(maskValue('11010519491231002X', policy('cn-resident-id')), '1****************X');
    assert.equal(maskValue('13912345678', policy('cn-mobile')), '139****5678');
    assert.equal(maskValue('+86 139 1234 5678', policy('cn-mobile')), '+86 139 **** 5678');
  });

  it('never keeps the whole of a short value', () => {
    assert.equal(maskValue('1234', { keepStart: 3, keepEnd: 3, char: '*' }), '1**4');
  });

  it('redacts with a placeholder in the user language', () => {
    const text = `身份证 ${synthResidentId(makeRng(1))} 完`;
    const findings = engine.scan(text, { kind: 'plain' });
    const ruleOf = (id: string) => engine.rule(id);
    assert.equal(applyEdits(text, redactionEdits(text, findings, ruleOf, { operator: 'redact', lang: 'zh-CN' })), '身份证 [身份证号] 完');
    assert.equal(applyEdits(text, redactionEdits(text, findings, ruleOf, { operator: 'redact', lang: 'en' })), '身份证 [ID NUMBER] 完');
  });

  it('changes nothing outside findings, and a re-scan finds nothing (property)', () => {
    const rng = makeRng(99);
    const values = [() => synthResidentId(rng), () => synthBankCard(rng), () => synthMobile(rng)];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.integer({ min: 0, max: 2 })), { maxLength: 8 }), (parts) => {
        // Separate each value from arbitrary filler so it stays a whole token.
        const text = parts.map(([filler, k]) => `${filler}\n${values[k]()}\n`).join('');
        const findings = engine.scan(text, { kind: 'plain' });
        const masked = applyEdits(text, redactionEdits(text, findings, (id) => engine.rule(id), { operator: 'mask', lang: 'en' }));
        assert.equal(masked.length, text.length);
        const covered = new Set<number>();
        for (const f of findings) for (let i = f.start; i < f.end; i++) covered.add(i);
        for (let i = 0; i < text.length; i++) if (!covered.has(i)) assert.equal(masked[i], text[i]);
        assert.deepEqual(engine.scan(masked, { kind: 'plain' }), []);
      }),
      { numRuns: 200 },
    );
  });
});
