// Test helpers for the simulation: YAML text -> Manifests through the real parser, corpus file access,
// and invariant checks over a snapshot (shared by the unit and scenario tests).
import * as path from 'node:path';
import * as fs from 'node:fs';
import { parseManifests } from '../../../src/manifests/parse';
import type { Manifest } from '../../../src/manifests/types';
import type { ClusterSnapshot } from '../../../src/cluster/snapshot';
import { mapSelectorMatches } from '../../../src/core/labels';

export function manifests(yamlText: string, file = 'test.yaml'): Manifest[] {
  const parsed = parseManifests(file, yamlText);
  if (parsed.problems.some((p) => p.severity === 'error')) throw new Error(`test YAML does not parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.manifests;
}

/** The repository root (out/test/unit/cluster -> four levels up). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
export const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus');

export function corpusManifests(...relPaths: string[]): Manifest[] {
  const out: Manifest[] = [];
  for (const rel of relPaths) {
    const file = path.join(corpusDir, rel);
    out.push(...parseManifests(rel, fs.readFileSync(file, 'utf8')).manifests);
  }
  return out;
}

/** Nodes never hold more than their allocatable cpu, memory and pods. Returns the violations. */
export function overCommitted(s: ClusterSnapshot): string[] {
  const bad: string[] = [];
  for (const n of s.nodes) {
    for (const r of ['cpu', 'memory', 'pods']) {
      if ((n.requested[r] ?? 0) > (n.allocatable[r] ?? 0)) bad.push(`${n.name} ${r} ${n.requested[r]} > ${n.allocatable[r]}`);
    }
    const bound = s.pods.filter((p) => p.nodeName === n.name && p.phase === 'Running').map((p) => `${p.namespace}/${p.name}`).sort();
    if (JSON.stringify(bound) !== JSON.stringify(n.pods)) bad.push(`${n.name} pods list ${JSON.stringify(n.pods)} != running pods ${JSON.stringify(bound)}`);
  }
  return bad;
}

/** For every Service with a selector: endpoint pods == ready pods its selector matches. Returns mismatches. */
export function endpointMismatches(s: ClusterSnapshot): string[] {
  const bad: string[] = [];
  for (const svc of s.services) {
    if (!svc.selector || svc.type === 'ExternalName') continue;
    const expected = s.pods
      .filter((p) => p.namespace === svc.namespace && p.ready && p.phase === 'Running' && mapSelectorMatches(svc.selector, p.labels))
      .map((p) => p.name).sort();
    const slices = s.endpointSlices.filter((e) => e.namespace === svc.namespace && e.service === svc.name);
    if (slices.length === 0) { bad.push(`${svc.namespace}/${svc.name}: no EndpointSlice`); continue; }
    const actual = slices.flatMap((e) => e.endpoints.filter((ep) => ep.conditions.ready).map((ep) => ep.targetRef!.name)).sort();
    if (JSON.stringify(expected) !== JSON.stringify(actual)) bad.push(`${svc.namespace}/${svc.name}: endpoints ${JSON.stringify(actual)} != ready selected pods ${JSON.stringify(expected)}`);
    for (const e of slices) {
      for (const ep of e.endpoints) {
        const pod = s.pods.find((p) => p.namespace === svc.namespace && p.name === ep.targetRef!.name);
        if (!pod || pod.podIP !== ep.addresses[0] || pod.nodeName !== ep.nodeName) bad.push(`${svc.name}: endpoint ${ep.targetRef!.name} does not match its pod`);
      }
    }
  }
  return bad;
}
