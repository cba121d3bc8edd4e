import { strict as assert } from 'node:assert';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineTooLongError, linePieces } from '../../server/src/cli/linePieces';
import { Spool } from '../../server/src/cli/spool';
import { spoolLines } from '../support/spoolLines';

describe('linePieces: a file in pieces that end at line feeds', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'sdguard-pieces-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The pieces of `bytes` as copies, read `readBytes` at a time. */
  function pieces(bytes: Buffer, utf16?: 'utf-16le' | 'utf-16be', readBytes = 7, maxLine = 1 << 20): Buffer[] {
    const file = join(dir, 'f');
    writeFileSync(file, bytes);
    const fd = openSync(file, 'r');
    try {
      // Copied as they come: a piece is a view of a buffer the next read reuses.
      const out: Buffer[] = [];
      for (const p of linePieces(fd, utf16, maxLine, readBytes)) out.push(Buffer.from(p));
      return out;
    } finally {
      closeSync(fd);
    }
  }

  it('UTF-8 and GB18030: every piece but the last ends with 0x0A, and together they are the file', () => {
    const text = '身份证号,姓名\n110101199003078515,张三\r\n\n末行没有换行';
    for (const read of [1, 2, 3, 7, 64, 4096]) {
      const bytes = Buffer.from(text, 'utf8');
      const got = pieces(bytes, undefined, read);
      assert.ok(Buffer.concat(got).equals(bytes), `read ${read}`);
      got.slice(0, -1).forEach((p) => assert.equal(p[p.length - 1], 10, `read ${read}`));
      assert.ok(got.length >= 2);
    }
  });

  it('UTF-16: cuts only after a whole 0x000A code unit, never inside another character', () => {
    // U+0A0A (GURMUKHI) holds 0x0A bytes in both byte orders; U+010A ends with 0A in big-endian.
    const text = '\u0a0a\u010a\n\u0a0a\u0a0a\n\u010a末';
    for (const order of ['utf-16le', 'utf-16be'] as const) {
      const le = Buffer.from(text, 'utf16le');
      const bytes = Buffer.concat([order === 'utf-16le' ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xfe, 0xff]), order === 'utf-16le' ? le : Buffer.from(le).swap16()]);
      for (const read of [2, 3, 5, 8, 4096]) {
        const got = pieces(bytes, order, read);
        assert.ok(Buffer.concat(got).equals(bytes), `${order} read ${read}`);
        for (const p of got.slice(0, -1)) {
          const unit = order === 'utf-16le' ? p.readUInt16LE(p.length - 2) : p.readUInt16BE(p.length - 2);
          assert.equal(unit, 10, `${order} read ${read}: a piece ends inside a character`);
        }
        // Each piece decodes on its own to whole lines.
        const decoded = got.map((p, i) => new TextDecoder(order, { fatal: true, ignoreBOM: i > 0 }).decode(p));
        assert.equal(decoded.join('').replace(/^\uFEFF/, ''), text, `${order} read ${read}`);
      }
    }
  });

  /** The 1-based line the error is about: the one after the pieces given before it (-1: no error). */
  function overlongLine(bytes: Buffer, readBytes: number, maxLine: number): number {
    const file = join(dir, 'f');
    writeFileSync(file, bytes);
    const fd = openSync(file, 'r');
    let lineFeeds = 0;
    try {
      for (const p of linePieces(fd, undefined, maxLine, readBytes)) lineFeeds += p.filter((b) => b === 10).length;
    } catch (e) {
      assert.ok(e instanceof LineTooLongError);
      return lineFeeds + 1;
    } finally {
      closeSync(fd);
    }
    return -1;
  }

  it('a line longer than the limit throws after the pieces before it: its 1-based line follows from them, whether it ends or not', () => {
    const ends = Buffer.from('a\nb\n' + 'x'.repeat(50) + '\nc\n');
    assert.equal(overlongLine(ends, 8, 40), 3);
    const open = Buffer.from('a\n' + 'x'.repeat(50));
    assert.equal(overlongLine(open, 8, 40), 2);
    assert.equal(Buffer.concat(pieces(ends, undefined, 8, 50)).toString(), ends.toString());
  });
});

describe('Spool: lines kept on disk past a limit', () => {
  it('gives back every line in order, from memory and from its file, and removes the file', () => {
    // Spilled past 2,000 bytes (each line is about 300 per n): some lines on disk, the last in memory.
    const spool = new Spool(2000);
    for (let n = 0; n < 10; n++) spool.add(`${n} 値${'長'.repeat(n * 100)}`);
    spool.text('piece ');
    spool.int(0);
    spool.int(1_234_567_890);
    spool.endLine();
    assert.equal(spool.count, 11);
    const back = spoolLines(spool);
    assert.deepEqual(back, [...[...Array(10).keys()].map((n) => `${n} 値${'長'.repeat(n * 100)}`), 'piece 01234567890']);
    // Another spool takes them whole, as a worker's lines cross threads.
    const copy = new Spool(2000);
    copy.addLines([...spool.chunks()], spool.count);
    assert.deepEqual([copy.count, spoolLines(copy)], [11, back]);
    copy.close();
    // As bytes: the same lines, each with its line feed, in chunks of whole lines.
    const chunks = [...spool.chunks()];
    assert.ok(chunks.every((c) => c[c.length - 1] === 10));
    assert.equal(Buffer.concat(chunks).toString(), back.map((l) => `${l}\n`).join(''));
    // Read twice: the same.
    assert.equal(spoolLines(spool).length, 11);
    spool.close();
    assert.deepEqual(spoolLines(spool), []);
  });
});
