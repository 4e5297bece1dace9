// Pod volume refers to a PersistentVolumeClaim that is not defined.
import { missingReferenceRule } from './references';

export const pvcMissing = missingReferenceRule({
  id: 'pvc-missing',
  kind: 'PersistentVolumeClaim',
  what: 'PersistentVolumeClaim',
  description: 'Pod volume refers to a PersistentVolumeClaim that is not defined.',
});
