// Pod runs as a ServiceAccount that is not defined (other than default).
import { missingReferenceRule } from './references';

export const serviceaccountMissing = missingReferenceRule({
  id: 'serviceaccount-missing',
  kind: 'ServiceAccount',
  what: 'ServiceAccount',
  description: 'Pod runs as a ServiceAccount that is not defined (other than default).',
});
