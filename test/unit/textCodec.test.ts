import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { openText } from '../../server/src/cli/readChunks';
import {
  DecodeError,
  GB_ALTERNATE_FORMS,
  NotTextError,
  StreamDecoder,
  decodeBytes,
  encodeText,
  parseEncoding,
  readTextFile,
  type Encoding,
  type EncodingOption,
} from '../../server/src/cli/textCodec';
import { makeRng, randInt } from '../support/synth';

const gb = (text: string) => iconv.encode(text, 'gb18030');
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
const BOM = { 'utf-8': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff], gb18030: [0x84, 0x31, 0x95, 0x33] } as const;
const withBom = (encoding: Encoding, body: Buffer) => Buffer.concat([Buffer.from(BOM[encoding]), body]);

// Chinese headers, the euro sign (A2E3), 𠀀 (U+20000) and 😀 (4-byte GB18030), é (A8A6), U+0080
// (4-byte 81308130), a full-width digit, CRLF and a lone LF, and a U+FEFF inside the text.
const sample = '姓名,身份证号,银行卡号,金额€\r\n张三,１２３,𠀀😀é\u0080,"备注\n第二行"\r\nx\uFEFFy\r\n';

/** Every byte of `bytes` decoded, encoded back, compared. */
function assertRoundTrip(bytes: Buffer, option: EncodingOption = 'auto', expected?: { encoding: Encoding; bom: boolean; text?: string }): void {
  const decoded = decodeBytes(bytes, option);
  if (expected) {
    assert.equal(decoded.encoding, expected.encoding);
    assert.equal(decoded.bom, expected.bom);
    if (expected.text !== undefined) assert.equal(decoded.text, expected.text);
  }
  const again = encodeText(decoded.text, decoded);
  assert.ok(again.equals(bytes), `round trip changed the bytes: ${bytes.toString('hex').slice(0, 80)} → ${again.toString('hex').slice(0, 80)}`);
}

describe('text encodings (textCodec)', () => {
  it('parses --encoding names and aliases, case-insensitively', () => {
    assert.equal(parseEncoding('auto'), 'auto');
    assert.equal(parseEncoding('UTF-8'), 'utf-8');
    assert.equal(parseEncoding('utf8'), 'utf-8');
    assert.equal(parseEncoding('utf-16le'), 'utf-16le');
    assert.equal(parseEncoding('UTF16BE'), 'utf-16be');
    assert.equal(parseEncoding('gbk'), 'gb18030');
    assert.equal(parseEncoding('GB18030'), 'gb18030');
    assert.equal(parseEncoding('latin1'), undefined);
    assert.equal(parseEncoding('constructor'), undefined);
  });

  describe('detection', () => {
    it('UTF-8 without and with a BOM (the BOM is not text)', () => {
      assert.deepEqual(decodeBytes(Buffer.from(sample)), { text: sample, encoding: 'utf-8', bom: false });
      assert.deepEqual(decodeBytes(withBom('utf-8', Buffer.from(sample))), { text: sample, encoding: 'utf-8', bom: true });
    });

    it('UTF-16 LE and BE by their BOM', () => {
      assert.deepEqual(decodeBytes(withBom('utf-16le', Buffer.from(sample, 'utf16le'))), { text: sample, encoding: 'utf-16le', bom: true });
      assert.deepEqual(decodeBytes(withBom('utf-16be', utf16be(sample))), { text: sample, encoding: 'utf-16be', bom: true });
    });

    it('GB18030/GBK when the bytes are not UTF-8, with or without the GB18030 BOM', () => {
      assert.deepEqual(decodeBytes(gb(sample)), { text: sample, encoding: 'gb18030', bom: false });
      assert.deepEqual(decodeBytes(withBom('gb18030', gb(sample))), { text: sample, encoding: 'gb18030', bom: true });
      // Plain GBK as Excel writes it, euro sign as the single byte 0x80 (code page 936).
      const gbk = Buffer.concat([gb('工资表,身份证号,金额'), Buffer.from([0x80]), gb('\r\n')]);
      assert.deepEqual(decodeBytes(gbk), { text: '工资表,身份证号,金额€\r\n', encoding: 'gb18030', bom: false, gbForms: { '€': '80' } });
    });

    it('pure ASCII is UTF-8; an empty file is UTF-8', () => {
      assert.deepEqual(decodeBytes(Buffer.from('id,name\r\n1,x\n')), { text: 'id,name\r\n1,x\n', encoding: 'utf-8', bom: false });
      assert.deepEqual(decodeBytes(Buffer.alloc(0)), { text: '', encoding: 'utf-8', bom: false });
    });

    it('--encoding decides for files without a BOM; a BOM decides over it', () => {
      // GBK bytes that happen to be valid UTF-8 too (C4 A3 is ģ in UTF-8): detection says UTF-8.
      const both = Buffer.from([0xc4, 0xa3, 0x2c, 0x31, 0x0a]);
      assert.equal(decodeBytes(both).encoding, 'utf-8');
      assert.equal(decodeBytes(both).text, 'ģ,1\n');
      const asGb = decodeBytes(both, 'gb18030');
      assert.equal(asGb.encoding, 'gb18030');
      assert.equal(asGb.text, `${new TextDecoder('gb18030').decode(Buffer.from([0xc4, 0xa3]))},1\n`);
      assert.equal(decodeBytes(withBom('utf-8', Buffer.from(sample)), 'gb18030').encoding, 'utf-8');
      // UTF-16 without a BOM is read when named, not taken for a binary file.
      assert.deepEqual(decodeBytes(Buffer.from(sample, 'utf16le'), 'utf-16le'), { text: sample, encoding: 'utf-16le', bom: false });
      assert.deepEqual(decodeBytes(utf16be(sample), 'utf-16be'), { text: sample, encoding: 'utf-16be', bom: false });
    });

    it('a NUL byte near the start is a binary file, unless the file is UTF-16', () => {
      assert.throws(() => decodeBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])), NotTextError);
      assert.throws(() => decodeBytes(Buffer.from('abc\0def')), NotTextError);
      assert.throws(() => decodeBytes(Buffer.from(sample, 'utf16le')), NotTextError, 'UTF-16 without a BOM, not named');
    });

    it('bytes that are neither UTF-8 nor GB18030 give an error naming where', () => {
      const bad = Buffer.concat([Buffer.from('a,b\nc,'), Buffer.from([0xff, 0x80, 0x81])]);
      assert.throws(
        () => decodeBytes(bad),
        (e: unknown) => e instanceof DecodeError && e.encoding === undefined && e.offset === 6 && e.line === 2 && /neither UTF-8 \(bad byte at 6\) nor GB18030 \(bad byte at 6\) \(line 2\)/.test(e.message),
      );
    });

    it('an error in a named encoding names the byte and line', () => {
      const bytes = Buffer.concat([gb('甲\n乙\n丙'), Buffer.from([0x81, 0x0a])]);
      assert.throws(() => decodeBytes(bytes, 'gb18030'), /^DecodeError: not valid GB18030 at byte 8 \(line 3\)$/);
      assert.throws(() => decodeBytes(Buffer.from([0x41, 0xe4, 0xb8]), 'utf-8'), /not valid UTF-8 at byte 1 \(line 1\): the file ends inside a character; if the file is GBK\/GB18030/);
      assert.throws(() => decodeBytes(withBom('utf-16le', Buffer.from([0x41, 0, 0x00, 0xdc]))), /not valid UTF-16LE at byte 4 \(line 1\)$/);
    });
  });

  describe('round trip (decode, then encode) is byte-exact', () => {
    it('UTF-8 with and without BOM, UTF-16 LE/BE with BOM, GB18030 with and without BOM', () => {
      assertRoundTrip(Buffer.from(sample), 'auto', { encoding: 'utf-8', bom: false, text: sample });
      assertRoundTrip(withBom('utf-8', Buffer.from(sample)), 'auto', { encoding: 'utf-8', bom: true, text: sample });
      // A second BOM is text: it stays.
      assertRoundTrip(withBom('utf-8', withBom('utf-8', Buffer.from(sample))), 'auto', { encoding: 'utf-8', bom: true, text: `\uFEFF${sample}` });
      assertRoundTrip(withBom('utf-16le', Buffer.from(sample, 'utf16le')), 'auto', { encoding: 'utf-16le', bom: true, text: sample });
      assertRoundTrip(withBom('utf-16be', utf16be(sample)), 'auto', { encoding: 'utf-16be', bom: true, text: sample });
      assertRoundTrip(Buffer.from(sample, 'utf16le'), 'utf-16le', { encoding: 'utf-16le', bom: false, text: sample });
      assertRoundTrip(gb(sample), 'auto', { encoding: 'gb18030', bom: false, text: sample });
      assertRoundTrip(withBom('gb18030', gb(sample)), 'auto', { encoding: 'gb18030', bom: true, text: sample });
      assertRoundTrip(gb(sample), parseEncoding('gbk')!, { encoding: 'gb18030', bom: false, text: sample });
    });

    it('keeps CRLF, LF and CR line endings as they are', () => {
      const text = '身份证号\r\n1\n2\r3\r\n';
      for (const bytes of [Buffer.from(text), gb(text), withBom('utf-16le', Buffer.from(text, 'utf16le'))]) {
        const decoded = decodeBytes(bytes);
        assert.equal(decoded.text, text);
        assert.ok(encodeText(decoded.text, decoded).equals(bytes));
      }
    });

    it('GB18030: 4-byte sequences, 身份证号 and the euro sign in both of its byte forms', () => {
      const four = gb('𠀀😀\u0080\uFFFF');
      assert.equal(four.length, 16, 'four 4-byte sequences');
      assertRoundTrip(Buffer.concat([gb('身份证号,'), four]), 'auto', { encoding: 'gb18030', bom: false, text: '身份证号,𠀀😀\u0080\uFFFF' });
      assertRoundTrip(gb('金额€\r\n'), 'auto', { encoding: 'gb18030', bom: false, text: '金额€\r\n' });
      assert.ok(gb('€').equals(Buffer.from([0xa2, 0xe3])));
      assertRoundTrip(Buffer.concat([gb('金额'), Buffer.from([0x80]), gb('\r\n')]), 'auto', { encoding: 'gb18030', bom: false, text: '金额€\r\n' });
    });

    it('GB18030: every character with two byte forms comes back in the form the file used', () => {
      for (const hex of GB_ALTERNATE_FORMS) {
        const form = Buffer.from(hex, 'hex');
        const char = new TextDecoder('gb18030', { fatal: true }).decode(form);
        const standard = gb(char);
        assert.ok(!standard.equals(form), `${hex} is the form iconv-lite writes`);
        const file = Buffer.concat([gb('表头,'), form, gb(',身份证号\r\n')]);
        assertRoundTrip(file, 'gb18030');
        assertRoundTrip(Buffer.concat([gb('表头,'), standard, gb(',身份证号\r\n')]), 'gb18030');
      }
    });

    it('GB18030: every 1- and 2-byte sequence and every BMP 4-byte sequence that decodes comes back the same', function () {
      this.timeout(60_000);
      const decoder = new TextDecoder('gb18030', { fatal: true });
      const alternates = new Set(GB_ALTERNATE_FORMS);
      let checked = 0;
      const check = (bytes: Buffer) => {
        let text: string;
        try {
          text = decoder.decode(bytes);
        } catch {
          return;
        }
        checked++;
        const hex = bytes.toString('hex');
        if (alternates.has(hex)) {
          assertRoundTrip(Buffer.concat([Buffer.from('x'), bytes]), 'gb18030');
          return;
        }
        const again = gb(text);
        if (!again.equals(bytes)) assert.fail(`${hex} decodes to U+${text.codePointAt(0)!.toString(16)}, which encodes to ${again.toString('hex')}: add it to GB_ALTERNATE_FORMS`);
      };
      for (let a = 0x80; a <= 0xff; a++) check(Buffer.from([a]));
      for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) check(Buffer.from([a, b]));
      // Four bytes: the BMP (81-84) and one plane-1 lead (90); the rest are a linear range.
      for (const a of [0x81, 0x82, 0x83, 0x84, 0x90])
        for (let b = 0x30; b <= 0x39; b++) for (let c = 0x81; c <= 0xfe; c++) for (let d = 0x30; d <= 0x39; d++) check(Buffer.from([a, b, c, d]));
      assert.ok(checked > 70_000, `${checked} sequences`);
    });

    it('writes new text in the file format (UTF-16BE, GB18030 with the file’s euro form)', () => {
      assert.ok(encodeText('[身份证号]', { encoding: 'utf-16be', bom: true }).equals(withBom('utf-16be', utf16be('[身份证号]'))));
      assert.ok(encodeText('€1,€2', { encoding: 'gb18030', bom: false, gbForms: { '€': '80' } }).equals(Buffer.from([0x80, 0x31, 0x2c, 0x80, 0x32])));
    });
  });

  describe('streaming (StreamDecoder, openText)', () => {
    it('decodes the same text whatever the chunk boundaries', () => {
      const rng = makeRng(5);
      const cases: [Buffer, Encoding][] = [
        [Buffer.from(sample), 'utf-8'],
        [gb(sample), 'gb18030'],
        [withBom('utf-16le', Buffer.from(sample, 'utf16le')), 'utf-16le'],
        [withBom('utf-16be', utf16be(sample)), 'utf-16be'],
      ];
      for (const [bytes, encoding] of cases) {
        for (let round = 0; round < 50; round++) {
          const decoder = new StreamDecoder('auto');
          let text = '';
          // Cuts anywhere, except inside the first 4 bytes (the BOM is sniffed on the first chunk).
          for (let i = 0; i < bytes.length; ) {
            const n = i === 0 ? Math.max(4, randInt(rng, 1, 12)) : randInt(rng, 1, 12);
            text += decoder.write(bytes.subarray(i, i + n));
            i += n;
          }
          text += decoder.end();
          assert.equal(text, sample, `${encoding} round ${round}`);
          assert.equal(decoder.encoding, encoding);
        }
      }
    });

    describe('files', () => {
      let dir: string;
      before(() => {
        dir = mkdtempSync(join(tmpdir(), 'sdguard-codec-'));
      });
      after(() => rmSync(dir, { recursive: true, force: true }));

      function read(name: string, bytes: Buffer, chunk: number, option: EncodingOption = 'auto'): { text: string; encoding?: string; error?: string } {
        const path = join(dir, name);
        writeFileSync(path, bytes);
        const opened = openText(path, option, chunk);
        if (opened.kind === 'error') return { text: '', error: opened.message };
        if (opened.kind === 'binary') return { text: '', error: 'binary' };
        let text = '';
        try {
          for (const c of opened.chunks) text += c;
        } catch (e) {
          return { text, encoding: opened.encoding, error: (e as Error).message };
        }
        return { text, encoding: opened.encoding };
      }

      it('a GB18030 file whose first chunks are pure ASCII is still detected', () => {
        const head = 'id,note\n' + 'x,plain ascii line\n'.repeat(20);
        const bytes = Buffer.concat([Buffer.from(head), gb(sample)]);
        assert.deepEqual(read('late.csv', bytes, 64), { text: head + sample, encoding: 'gb18030' });
        assert.deepEqual(read('late-utf8.csv', Buffer.concat([Buffer.from(head), Buffer.from(sample)]), 64), { text: head + sample, encoding: 'utf-8' });
        assert.deepEqual(read('ascii.csv', Buffer.from(head), 64), { text: head, encoding: 'utf-8' });
      });

      it('a later chunk that does not decode: all the text (U+FFFD for bad bytes), then an error naming byte and line', () => {
        // UTF-8 Chinese in the first chunks, then GBK bytes: the file was UTF-8 until it was not.
        const head = Buffer.from('姓名,备注\n' + '张三,正常的一行\n'.repeat(10));
        const bytes = Buffer.concat([head, gb('李四,坏的一行\n')]);
        const r = read('mixed.csv', bytes, 32);
        assert.equal(r.encoding, 'utf-8');
        assert.equal(r.error, `not valid UTF-8 at byte ${head.length} (line 12); if the file is GBK/GB18030 (Excel on Chinese Windows), use --encoding gb18030`);
        // All the text comes out, bad bytes as U+FFFD, then the error.
        assert.equal(r.text, new TextDecoder().decode(bytes));
        assert.ok(r.text.startsWith(head.toString()));
        assert.equal(read('mixed-gb.csv', bytes, 32, 'gb18030').encoding, 'gb18030', '--encoding gb18030 reads it (as GB18030)');
      });

      it('names the exact bad byte wherever it falls relative to the chunks', () => {
        const rows = '身份证号,名字\n' + '甲,乙丙\n'.repeat(40);
        const le = (s: string) => Buffer.from(s, 'utf16le');
        for (const [encoding, option, encode, bad] of [
          ['UTF-8', 'utf-8', (s: string) => Buffer.from(s), Buffer.from([0xff])],
          // A lead byte, then the next line's 甲 (E7 94 B2): the error shows at E7.
          ['UTF-8', 'utf-8', (s: string) => Buffer.from(s), Buffer.from([0xe4])],
          ['GB18030', 'gb18030', gb, Buffer.from([0x81, 0x0a])],
          ['GB18030', 'gb18030', gb, Buffer.from([0xff])],
          // A lone high surrogate, then the next line's 甲.
          ['UTF-16LE', 'utf-16le', le, Buffer.from([0x3d, 0xd8])],
          ['UTF-16LE', 'utf-16le', le, Buffer.from([0x00, 0xdc])],
        ] as const) {
          const body = encode(rows);
          const unit = option === 'utf-16le' ? 2 : 1;
          for (let at = 0; at < body.length; at += 7) {
            // Cut at a line start so the bad byte is not swallowed by a character before it.
            const cut = body.indexOf(unit === 2 ? '\n' : 0x0a, at, option === 'utf-16le' ? 'utf16le' : undefined) + unit;
            if (cut < unit) break;
            const bytes = Buffer.concat([body.subarray(0, cut), bad, body.subarray(cut)]);
            const line = option === 'utf-16le' ? body.subarray(0, cut).toString('utf16le').split('\n').length : body.subarray(0, cut).toString('latin1').split('\n').length;
            for (const chunk of [16, 18, 17, 64]) {
              if (unit === 2 && chunk % 2) continue;
              const r = read('bad.csv', bytes, chunk, option);
              assert.equal(r.text, new TextDecoder(option).decode(bytes), `${encoding} text with U+FFFD for the bad byte at ${cut}, chunks of ${chunk}`);
              assert.match(r.error ?? '', new RegExp(`^not valid ${encoding} at byte ${cut} \\(line ${line}\\)`), `${encoding} bad byte at ${cut}, chunks of ${chunk}: ${r.error}`);
            }
          }
        }
      });

      it('neither UTF-8 nor GB18030: read as UTF-8 with U+FFFD, and an error', () => {
        const r = read('noise.bin', Buffer.from([0x41, 0xff, 0xfe, 0x80, 0x81, 0x0a, 0x31]), 64);
        assert.equal(r.text, 'A\uFFFD\uFFFD\uFFFD\uFFFD\n1');
        assert.match(r.error ?? '', /^neither UTF-8 \(bad byte at 1\) nor GB18030 \(bad byte at 1\) \(line 1\)/);
      });

      it('a UTF-8 file with one damaged cell near the start is UTF-8 with an error, not GB18030', () => {
        // Valid GB18030 by accident (every Chinese run has an even number of UTF-8 bytes).
        const head = Buffer.from('姓名,身份证号,银行卡号\n张三,1,2\n');
        const bytes = Buffer.concat([head, Buffer.from([0xc9, 0xed]), Buffer.from('\n李四,3,4\n')]);
        assert.doesNotThrow(() => new TextDecoder('gb18030', { fatal: true }).decode(bytes));
        const r = read('damaged.csv', bytes, 1 << 16);
        assert.equal(r.encoding, 'utf-8');
        assert.equal(r.text, new TextDecoder().decode(bytes));
        assert.match(r.error ?? '', new RegExp(`^not valid UTF-8 at byte ${head.length} \\(line 3\\)`));
      });

      it('readTextFile reads a whole file with its format', () => {
        const path = join(dir, 'whole.csv');
        writeFileSync(path, withBom('utf-16le', Buffer.from(sample, 'utf16le')));
        const file = readTextFile(path);
        assert.deepEqual(file, { text: sample, encoding: 'utf-16le', bom: true });
        assert.ok(encodeText(file.text, file).equals(withBom('utf-16le', Buffer.from(sample, 'utf16le'))));
      });
    });
  });
});
