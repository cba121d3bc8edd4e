import type { ValidatorDef } from '../types';

/** Validators for the international pack (rules/international.yaml), beyond the payment cards. */
export const internationalValidators: readonly ValidatorDef[] = [];
