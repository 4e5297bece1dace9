// PersistentVolumeClaim or volumeClaimTemplate names a StorageClass that is not defined.
import { missingReferenceRule } from './references';

export const storageclassMissing = missingReferenceRule({
  id: 'storageclass-missing',
  kind: 'StorageClass',
  what: 'StorageClass',
  description: 'PersistentVolumeClaim or volumeClaimTemplate names a StorageClass that is not defined.',
});
