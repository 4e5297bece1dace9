// The webview's message validation (webview/messages.ts) on its own: every HostToWebview shape is accepted,
// and a malformed one is refused with the path of the first bad field.
import * as assert from 'node:assert/strict';
import { hostMessageError, isHostToWebview } from '../../webview/messages';
import { generateSnapshot } from './fixtures/generate';
import { shopSnapshot } from './fixtures/shop-snapshot';
import { snapshotMessage } from './harness';

describe('webview message validation', () => {
  it('accepts every message type of the protocol', () => {
    const ok: unknown[] = [
      snapshotMessage(shopSnapshot()),
      snapshotMessage(generateSnapshot(300, 20), { readOnly: true, whatIfs: [{ kind: 'scale', workload: { kind: 'Deployment', namespace: 'a', name: 'b' }, replicas: 3 }, { kind: 'addNode', like: 'n' }] }),
      { type: 'empty', scopeLabel: 'a.yaml', reason: 'no objects' },
      { type: 'error', message: 'boom' },
      { type: 'highlight', objects: [{ kind: 'Pod', namespace: null, name: 'x' }] },
      { type: 'focus', object: { kind: 'Node', namespace: null, name: 'n' }, view: 'nodes' },
      { type: 'focus', object: { kind: 'Node', namespace: null, name: 'n' } },
      { type: 'exportRequest', format: 'png' },
    ];
    for (const m of ok) assert.equal(hostMessageError(m), null);
  });

  it('refuses malformed messages, naming the first bad field', () => {
    const snap = shopSnapshot();
    const cases: [unknown, RegExp][] = [
      [null, /expected object/],
      [[], /expected object/],
      [{ type: 'reveal' }, /type: unknown \(reveal\)/],
      [{ type: 'toString' }, /type: unknown/],
      [{ ...snapshotMessage(snap), snapshot: { ...snap, pods: [{ ...snap.pods[0], phase: 'Exploded' }] } }, /^message\.snapshot\.pods\[0\]\.phase: expected one of/],
      [{ ...snapshotMessage(snap), snapshot: { ...snap, nodes: [{ ...snap.nodes[0], labels: { a: 1 } }] } }, /^message\.snapshot\.nodes\[0\]\.labels\.a: expected string/],
      [{ ...snapshotMessage(snap), snapshot: { ...snap, pods: [{ ...snap.pods[0], scheduling: { filtered: {}, scores: { n: { total: 'x', plugins: {} } } } }] } }, /scheduling\.scores\.n\.total: expected number/],
      [{ ...snapshotMessage(snap), whatIfs: [{ kind: 'explode' }] }, /^message\.whatIfs\[0\]\.kind: unknown what-if/],
      [{ ...snapshotMessage(snap), cluster: { preset: 'x' } }, /^message\.cluster\.clusterFile/],
      [{ type: 'highlight', objects: [{ kind: 'Pod', namespace: 3, name: 'x' }] }, /objects\[0\]\.namespace: expected string/],
      [{ type: 'exportRequest', format: 'gif' }, /format: expected one of svg\|png/],
    ];
    for (const [m, re] of cases) {
      assert.equal(isHostToWebview(m), false);
      assert.match(hostMessageError(m) ?? '', re);
    }
  });
});
