// Pod refers to a PriorityClass that is not defined (other than the built-in system-* classes).
import { missingReferenceRule } from './references';

export const priorityclassMissing = missingReferenceRule({
  id: 'priorityclass-missing',
  kind: 'PriorityClass',
  what: 'PriorityClass',
  description: 'Pod refers to a PriorityClass that is not defined (other than the built-in system-* classes).',
});
