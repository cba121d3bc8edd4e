// Seed data for the employee service tests.
export const employees = [
  { name: '林磊', idNumber: '370301197603316943', mobile: '15081318332' },
  { name: '李敏', idNumber: '33280019891030992X', mobile: '+86 170 7268 2433' },
];

export const payment = {
  cardNo: '4540 6503 8460 1861',
  orderId: '5881093745710687121', // an order number: not sensitive
  createdAt: 1795392000000, // a millisecond timestamp: not sensitive
};

export const supplier = { name: '云帆科技有限公司', creditCode: '53512401988488690Q' };
