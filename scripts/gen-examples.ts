// Writes the synthetic example exports in examples/ (run: npx tsx scripts/gen-examples.ts).
// Every identifier is generated with valid check characters from a fixed seed: none is real.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRng, pick, randInt, randomDigits, synthBankCard, synthMobile, synthResidentId, synthUscc } from '../test/support/synth';

const rng = makeRng(20261123);
const dir = join(__dirname, '..', 'examples');
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'.split('');
const given = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞'];
const departments = ['财务部', '销售部', '行政部', '技术部', '客服部'];
const banks = ['中国工商银行', '中国建设银行', '中国农业银行', '中国银行', '招商银行'];
const name = () => pick(rng, surnames) + pick(rng, given);

// 工资表: one row per employee, with an ID, a salary card and a mobile number.
const payroll = ['序号,姓名,部门,身份证号,银行卡号,开户行,手机号,应发工资,实发工资'];
for (let i = 1; i <= 12; i++) {
  const gross = randInt(rng, 6000, 25000);
  payroll.push([i, name(), pick(rng, departments), synthResidentId(rng), synthBankCard(rng, 'unionpay'), pick(rng, banks), synthMobile(rng), `${gross}.00`, `${Math.round(gross * 0.82)}.50`].join(','));
}
writeFileSync(join(dir, 'payroll.csv'), `${payroll.join('\r\n')}\r\n`);

// 客户档案: client companies with their credit codes and a contact, plus order numbers that must not be flagged.
const clients = ['客户名称,统一社会信用代码,联系人,联系电话,最近订单号,备注'];
const companies = ['星河商贸有限公司', '远航物流有限公司', '青禾餐饮管理有限公司', '恒信会计服务有限公司', '云帆科技有限公司', '嘉禾建材经营部'];
for (const company of companies) {
  clients.push([`"${company}"`, synthUscc(rng), name(), synthMobile(rng), `DD${randomDigits(rng, 18)}`, '"月结, 含税"'].join(','));
}
writeFileSync(join(dir, 'clients.csv'), `${clients.join('\n')}\n`);

// A code file with test fixtures of the kind developers commit by mistake.
const card = synthBankCard(rng, 'visa');
const fixtures = `// Seed data for the employee service tests.
export const employees = [
  { name: '${name()}', idNumber: '${synthResidentId(rng)}', mobile: '${synthMobile(rng)}' },
  { name: '${name()}', idNumber: '${synthResidentId(rng, { checkX: true })}', mobile: '+86 ${spaced(synthMobile(rng))}' },
];

export const payment = {
  cardNo: '${card.replace(/(\d{4})(?=\d)/g, '$1 ')}',
  orderId: '${randomDigits(rng, 19)}', // an order number: not sensitive
  createdAt: ${Date.UTC(2026, 10, 23)}, // a millisecond timestamp: not sensitive
};

export const supplier = { name: '云帆科技有限公司', creditCode: '${synthUscc(rng)}' };
`;
writeFileSync(join(dir, 'fixtures.ts'), fixtures);

function spaced(mobile: string): string {
  return `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`;
}
