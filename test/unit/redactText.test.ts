import { strict as assert } from 'node:assert';
import { redactTextBytes, type RedactTextOptions } from '../../server/src/cli/redactText';
import { encodeText } from '../../server/src/cli/textCodec';
import { MissingKeyError } from '../../server/src/engine/redact/operators';
import { builtinEngine } from '../support/engine';
import { makeRng, synthMobile, synthResidentId } from '../support/synth';

describe('redactTextBytes: one text file redacted in memory', () => {
  const engine = builtinEngine();
  const rng = makeRng(8080);
  const ids = [synthResidentId(rng), synthResidentId(rng)];
  const mobile = synthMobile(rng);
  const csv = `姓名,身份证号,手机号\r\n张三,${ids[0]},${mobile}\r\n李四,${ids[1]},\r\n`;
  const KEY = Buffer.from('redact-text-test-key-0123456789ab');
  const mask: RedactTextOptions = { redact: { operator: 'mask', lang: 'en' }, minConfidence: 'medium' };

  it('masks every finding, byte for byte elsewhere (CRLF kept), and says where each was', () => {
    const r = redactTextBytes(Buffer.from(csv), 'people.csv', engine, mask);
    assert.equal(r.status, 'redacted');
    if (r.status !== 'redacted') return;
    assert.deepEqual(r.replacements.map((p) => [p.ruleId, p.line, p.column]), [['cn-resident-id', 2, 4], ['cn-mobile', 2, 23], ['cn-resident-id', 3, 4]]);
    assert.ok(r.replacements.every((p) => p.fingerprint === null));
    const out = r.bytes!.toString('utf8');
    for (const raw of [...ids, mobile]) assert.ok(!out.includes(raw), 'a raw value is left');
    assert.equal(out.replace(/[\d*X]{11,18}/g, '#'), csv.replace(/[\dX]{11,18}/g, '#'));
    // What may be shown: masked values only.
    for (const p of r.replacements) for (const raw of [...ids, mobile]) assert.ok(!p.masked!.includes(raw));
  });

  it('planOnly: the replacements, no bytes; a key adds keyed fingerprints', () => {
    const r = redactTextBytes(Buffer.from(csv), 'people.csv', engine, { ...mask, planOnly: true, fingerprintKey: KEY });
    assert.equal(r.status, 'redacted');
    if (r.status !== 'redacted') return;
    assert.equal(r.bytes, undefined);
    assert.equal(r.replacements.length, 3);
    for (const p of r.replacements) assert.match(p.fingerprint!, /^[0-9a-f]{64}$/);
  });

  it('rules: only those; a clean text is unchanged; a binary file is not text', () => {
    const r = redactTextBytes(Buffer.from(csv), 'people.csv', engine, { ...mask, rules: new Set(['cn-mobile']) });
    assert.equal(r.status, 'redacted');
    if (r.status === 'redacted') {
      assert.deepEqual(r.replacements.map((p) => p.ruleId), ['cn-mobile']);
      assert.ok(r.bytes!.toString('utf8').includes(ids[0]));
    }
    assert.deepEqual(redactTextBytes(Buffer.from('order 2026-11-23, total 1234.56\n'), 'notes.txt', engine, mask), { status: 'unchanged' });
    assert.deepEqual(redactTextBytes(Buffer.from([0x50, 0x4b, 0, 0, 1, 2]), 'blob.txt', engine, mask), { status: 'binary' });
  });

  it('keeps GB18030 with its BOM and Excel\'s euro byte', () => {
    const text = `备注,身份证号\n€5,${ids[0]}\n`;
    const bytes = Buffer.concat(text.split('€').flatMap((part, i) => [...(i ? [Buffer.from([0x80])] : []), encodeText(part, { encoding: 'gb18030', bom: false })]));
    const withBom = Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), bytes]);
    const r = redactTextBytes(withBom, 'gb.csv', engine, mask);
    assert.equal(r.status, 'redacted');
    if (r.status !== 'redacted') return;
    const at = withBom.indexOf(Buffer.from(ids[0]));
    assert.ok(r.bytes!.subarray(0, at).equals(withBom.subarray(0, at)), 'the BOM and the bytes before the value changed');
    assert.ok(r.bytes!.subarray(at + 18).equals(withBom.subarray(at + 18)));
  });

  it('errors leave the file as it was: bytes that do not decode; values still found after redaction', () => {
    const broken = Buffer.concat([Buffer.from(`身份证号\n${ids[0]}\n`), Buffer.from([0xff, 0xfe, 0x0a])]);
    const bad = redactTextBytes(broken, 'broken.csv', engine, mask);
    assert.equal(bad.status, 'error');
    if (bad.status === 'error') assert.match(bad.message, /left unchanged$/);
    // A placeholder that is itself a value: the rescan finds it.
    const residual = redactTextBytes(Buffer.from(csv), 'people.csv', engine, { ...mask, redact: { operator: 'redact', lang: 'en', placeholder: ids[1] }, rules: new Set(['cn-resident-id']) });
    assert.deepEqual(residual, { status: 'error', message: '2 value(s) would still be found after redaction; left unchanged' });
  });

  it('pseudonymize without a key throws MissingKeyError', () => {
    assert.throws(() => redactTextBytes(Buffer.from(csv), 'people.csv', engine, { ...mask, redact: { operator: 'pseudonymize', lang: 'en' } }), MissingKeyError);
  });
});
