// Pod refers to a ConfigMap (env, envFrom, volume, projected volume) that is not defined, or to a key it does not have.
import { missingReferenceRule } from './references';

export const configmapMissing = missingReferenceRule({
  id: 'configmap-missing',
  kind: 'ConfigMap',
  what: 'ConfigMap',
  description: 'Pod refers to a ConfigMap (env, envFrom, volume, projected volume) that is not defined, or to a key it does not have.',
});
