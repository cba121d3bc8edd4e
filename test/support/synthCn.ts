/**
 * Deterministic synthetic identifiers of the Greater China rules (cn-taxpayer-id,
 * cn-bank-account, cn-passport, cn-hk-macau-permit, cn-taiwan-permit, hk-id, mo-id, tw-id), in
 * the style of synth.ts: drawn from a seeded PRNG (makeRng), valid in format and check
 * characters, random otherwise, so nobody's real number (a collision is possible, as for any
 * valid-looking number, but nothing is taken from real data).
 *
 *   const rng = makeRng(42);
 *   synthHkid(rng);                  // 'N883492(8)' style: passes validHkid once normalized
 *   synthHkid(rng, { written: 'plain' });   // 'N8834928'
 *
 * The generators live in the engine (server/src/engine/fake/), where the `fake` operator draws
 * them from a keyed stream; this module re-exports them for the tests.
 */

export { synthHkid, type HkidOptions } from '../../server/src/engine/fake/hkid';
export { synthTwId, type TwIdOptions } from '../../server/src/engine/fake/twId';
export { synthMoId } from '../../server/src/engine/fake/moId';
export { synthTaxpayerId, type TaxpayerIdOptions } from '../../server/src/engine/fake/taxpayerId';
export { synthBankAccount } from '../../server/src/engine/fake/bankAccount';
export { synthHkMacauPermit, synthPassport, synthTaiwanPermit } from '../../server/src/engine/fake/travelDocuments';
