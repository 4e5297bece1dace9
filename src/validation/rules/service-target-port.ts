// A Service port whose targetPort (name or number) is not a container port of any selected pod. A named
// targetPort that no selected container declares gets no endpoints for that port (the EndpointSlice
// controller resolves names per pod); a number that is not declared still works if the process listens
// there, so it is only reported when the selected containers declare ports at all.
import type { Rule, RuleFinding } from './rule';
import type { TextEditFix } from '../finding';
import { indexOf, asArray, isRecord, containersOf, type PodTemplate } from './resources';
import { templatesSelectedByService } from './selection';
import { addEntries, fix, replaceValue } from './edits';

interface DeclaredPort { name?: string; containerPort: number; protocol: string; container: string; template: PodTemplate }

function declaredPorts(t: PodTemplate): DeclaredPort[] {
  const out: DeclaredPort[] = [];
  for (const c of containersOf(t, false)) {
    for (const p of asArray(c.container.ports)) {
      if (!isRecord(p) || typeof p.containerPort !== 'number') continue;
      out.push({ name: typeof p.name === 'string' ? p.name : undefined, containerPort: p.containerPort, protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP', container: c.name, template: t });
    }
  }
  return out;
}

export const serviceTargetPort: Rule = {
  id: 'service-target-port',
  defaultSeverity: 'warning',
  description: 'Service targetPort (name or number) matches no container port of the pods it selects.',
  docsAnchor: 'service-target-port',
  category: 'cross-resource',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const svc of idx.ofKind('Service')) {
      const templates = templatesSelectedByService(idx, svc);
      if (templates.length === 0) continue;
      const perTemplate = templates.map(declaredPorts);
      const all = perTemplate.flat();
      asArray((svc.object.spec as Record<string, unknown> | undefined)?.ports).forEach((p, i) => {
        if (!isRecord(p)) return;
        const protocol = typeof p.protocol === 'string' ? p.protocol : 'TCP';
        const hasTarget = p.targetPort !== undefined && p.targetPort !== null;
        const target = hasTarget ? p.targetPort : p.port;
        if (typeof target !== 'number' && typeof target !== 'string') return;
        const ofProtocol = all.filter((d) => d.protocol === protocol);
        let ok: boolean;
        if (typeof target === 'string' && !/^[0-9]+$/.test(target)) {
          ok = ofProtocol.some((d) => d.name === target);
        } else {
          const n = Number(target);
          // only when every selected template declares its ports is an undeclared number suspicious
          if (perTemplate.some((ports) => ports.length === 0)) return;
          ok = ofProtocol.some((d) => d.containerPort === n);
        }
        if (ok) return;
        const path = hasTarget ? ['spec', 'ports', i, 'targetPort'] : ['spec', 'ports', i, 'port'];
        const text = ctx.texts?.(svc.source.path);
        // edits are computed only when someone asks for the fixes (the editor's code actions)
        const fixes = (): TextEditFix[] => {
          const list: TextEditFix[] = [];
          if (text === undefined) return list;
          const seen = new Set<number>();
          for (const d of ofProtocol) {
            if (seen.has(d.containerPort) || seen.size >= 3) continue;
            seen.add(d.containerPort);
            const edits = hasTarget
              ? replaceValue(text, svc, ['spec', 'ports', i, 'targetPort'], d.containerPort)
              : addEntries(text, svc, ['spec', 'ports', i], { targetPort: d.containerPort });
            const f = fix(`Set targetPort to ${d.containerPort}${d.name ? ` (${d.name})` : ''} of container "${d.container}"`, edits, seen.size === 1);
            if (f) list.push(f);
          }
          return list;
        };
        const declared = [...new Set(ofProtocol.map((d) => d.name ? `${d.name}/${d.containerPort}` : String(d.containerPort)))];
        out.push({
          manifest: svc, path,
          message: `targetPort ${JSON.stringify(target)} matches no ${protocol} container port of the selected pods (${templates.map((t) => `${t.kind} ${t.name}`).join(', ')}); declared: ${declared.length ? declared.join(', ') : 'none'}`,
          fixes,
        });
      });
    }
    return out;
  },
};
