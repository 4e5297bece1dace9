// The string formats Kubernetes schemas use, in one object shared by the runtime Ajv instance (ajv-instance.ts)
// and the validators generated at build time (scripts/gen-validators.mjs): generated code reaches them as
// `require("./formats").KUBERNETES_FORMATS[name]`, so both paths run the very same checks.
import type { Format } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats';

// Go's time.ParseDuration grammar ("300ms", "1h30m", "-1.5h"); Kubernetes CRD "duration" means this, not ISO 8601.
const GO_DURATION = /^[-+]?(?:0|(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;
// Go's encoding/json decodes []byte with base64.StdEncoding, which skips \r and \n.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const KUBERNETES_FORMATS: Record<string, Format> = {
  'date-time': fullFormats['date-time'],
  date: fullFormats.date,
  byte: { type: 'string', validate: (s: string) => BASE64.test(s.replace(/[\r\n]/g, '')) },
  'k8s-duration': { type: 'string', validate: (s: string) => GO_DURATION.test(s) },
};
