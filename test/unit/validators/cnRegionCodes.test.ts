import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  isKnownRegionCode,
  REGION_CODE_COUNT,
  regionCodeList,
} from '../../../server/src/engine/validators/cnRegionCodes';
import { sharedDir } from '../../support/engine';

const TSV = path.join(sharedDir, 'testdata', 'cn-region-codes.tsv');

describe('validators/cnRegionCodes (generated GB/T 2260 table)', () => {
  it('holds exactly the codes of the shared TSV plus the 81/82/83 permit prefixes', () => {
    const fromTsv = new Set<number>();
    for (const line of readFileSync(TSV, 'utf8').split(/\r?\n/)) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      fromTsv.add(Number(line.split('\t')[0]));
    }
    assert.ok(fromTsv.size > 6000, `TSV has ${fromTsv.size} codes`);
    for (const c of [810000, 820000, 830000]) fromTsv.add(c);
    const list = Array.from(regionCodeList());
    assert.equal(list.length, REGION_CODE_COUNT);
    assert.deepEqual(list, [...fromTsv].sort((a, b) => a - b));
    for (const c of fromTsv) assert.equal(isKnownRegionCode(String(c)), true, String(c));
  });

  it('knows current, retired and permit codes', () => {
    assert.equal(isKnownRegionCode('110105'), true); // Beijing Chaoyang, current
    assert.equal(isKnownRegionCode('110103'), true); // Beijing Chongwen, retired 2010
    assert.equal(isKnownRegionCode('110000'), true);
    for (const c of ['810000', '820000', '830000', '710000']) assert.equal(isKnownRegionCode(c), true, c);
  });

  it('rejects unknown codes and malformed input', () => {
    for (const v of ['000000', '999999', '110199', '840000', '11010', '', '11010A', '１１０１０５']) {
      assert.equal(isKnownRegionCode(v), false, JSON.stringify(v));
    }
  });

  it('reads 6 digits at an offset', () => {
    assert.equal(isKnownRegionCode('xx110105yy', 2), true);
    assert.equal(isKnownRegionCode('xx110105', 3), false);
    assert.equal(isKnownRegionCode('110105', -1), false);
    assert.equal(isKnownRegionCode('110105', 1), false);
  });
});
