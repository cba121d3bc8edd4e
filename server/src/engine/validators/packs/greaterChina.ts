import type { ValidatorDef } from '../types';

/** Validators for the mainland extras and the Hong Kong, Macau, Taiwan pack (rules/hk-mo-tw.yaml). */
export const greaterChinaValidators: readonly ValidatorDef[] = [];
