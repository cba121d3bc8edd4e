// Generates the benchmark inputs under bench/data/ (git-ignored; nothing large is committed).
//   npx tsx bench/gen-data.ts [sizeMB=100]
// A dense payroll-style CSV: employee rows (resident ID, bank card, mobile, amounts) mixed with
// order rows (long order numbers, millisecond timestamps, EAN-13 barcodes, invoice numbers)
// that must not be reported. Every identifier is synthetic, with valid check characters.
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeRng, pick, randInt, randomDigits, synthBankCard, synthMobile, synthResidentId } from '../test/support/synth';

export async function generatePayrollCsv(path: string, sizeMB: number, seed = 1): Promise<{ rows: number; values: number }> {
  const rng = makeRng(seed);
  const out = createWriteStream(path);
  const names = ['王伟', '李娜', '张敏', '刘洋', '陈静', '杨磊', '赵丽', '黄强'];
  const target = sizeMB * 1024 * 1024;
  let bytes = 0;
  let rows = 0;
  let values = 0;
  let chunk = '类型,姓名,身份证号,银行卡号,手机号,金额,订单号,时间戳,条码,发票号码\n';
  while (bytes < target) {
    if (rng() < 0.5) {
      chunk += `工资,${pick(rng, names)},${synthResidentId(rng)},${synthBankCard(rng)},${synthMobile(rng)},${randInt(rng, 3000, 30000)}.${randomDigits(rng, 2)},,,,\n`;
      values += 3;
    } else {
      const ts = 1_600_000_000_000 + randInt(rng, 0, 200_000_000_000);
      chunk += `订单,,,,,${randInt(rng, 1, 99999)}.${randomDigits(rng, 2)},${randomDigits(rng, 19)},${ts},69${randomDigits(rng, 11)},${randomDigits(rng, 20)}\n`;
    }
    rows++;
    if (chunk.length > 1 << 16) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.once('finish', () => r()));
  return { rows, values };
}

if (require.main === module) {
  const sizeMB = Number(process.argv[2] ?? 100);
  const dir = join(__dirname, 'data');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `payroll-${sizeMB}mb.csv`);
  generatePayrollCsv(path, sizeMB).then(({ rows, values }) => console.log(`wrote ${path}: ${rows} rows, ${values} sensitive values`));
}
