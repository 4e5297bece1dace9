// Pod refers to a Secret (env, envFrom, volume, projected volume, imagePullSecrets) that is not defined, or to a key it does not have.
import { missingReferenceRule } from './references';

export const secretMissing = missingReferenceRule({
  id: 'secret-missing',
  kind: 'Secret',
  what: 'Secret',
  description: 'Pod refers to a Secret (env, envFrom, volume, projected volume, imagePullSecrets) that is not defined, or to a key it does not have.',
});
