/**
 * The oracle of the model-based clause: the reference model, fresh for each run. It is imported
 * here and nowhere else so that the mutation run (`npm run mutation`) can replace this one import
 * with a frozen, unmutated copy of reference/ (vitest.mutation.config.ts): a mutant of the model,
 * running as the target, is then judged against the model as it was, not against itself.
 */
export { ReferenceModel as OracleModel } from '../../reference/index.js';
