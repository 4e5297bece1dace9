import * as assert from 'node:assert/strict';
import { parseWebviewMessage, exportBytes } from '../../../src/extension/panel/messages';

describe('extension/panel/messages (validating what the webview posts)', () => {
  it('accepts each well-formed message and copies only known fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', object: { kind: 'Pod', namespace: 'default', name: 'web-1', x: '<script>' } }),
      { type: 'reveal', object: { kind: 'Pod', namespace: 'default', name: 'web-1' } });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', object: { kind: 'Node', namespace: null, name: 'worker-1' } }),
      { type: 'reveal', object: { kind: 'Node', namespace: null, name: 'worker-1' } });
    assert.deepEqual(parseWebviewMessage({ type: 'whatIf', change: { kind: 'cordon', node: 'worker-2' } }),
      { type: 'whatIf', change: { kind: 'cordon', node: 'worker-2' } });
    assert.deepEqual(parseWebviewMessage({ type: 'whatIf', change: { kind: 'scale', workload: { kind: 'Deployment', namespace: 'default', name: 'web' }, replicas: 5 } }),
      { type: 'whatIf', change: { kind: 'scale', workload: { kind: 'Deployment', namespace: 'default', name: 'web' }, replicas: 5 } });
    assert.deepEqual(parseWebviewMessage({ type: 'setCluster', cluster: { preset: 'ha', seed: 7, clusterFile: '' } }),
      { type: 'setCluster', cluster: { preset: 'ha', seed: 7, clusterFile: null } });
    assert.deepEqual(parseWebviewMessage({ type: 'viewState', state: { view: 'nodes', selected: null } }),
      { type: 'viewState', state: { view: 'nodes', selected: null } });
  });

  it('drops malformed messages', () => {
    const bad: unknown[] = [
      null, 'ready', 42, [], { type: 'nope' }, { type: 'reveal' }, { type: 'reveal', object: { kind: 'Pod' } },
      { type: 'reveal', object: { kind: 'Pod', name: 'x'.repeat(300) } },
      { type: 'whatIf', change: { kind: 'scale', workload: { kind: 'Deployment', namespace: 'd', name: 'w' }, replicas: -1 } },
      { type: 'whatIf', change: { kind: 'scale', workload: { kind: 'Deployment', namespace: 'd', name: 'w' }, replicas: 1.5 } },
      { type: 'whatIf', change: { kind: 'scale', workload: { kind: 'Deployment', namespace: 'd', name: 'w' }, replicas: 1e9 } },
      { type: 'whatIf', change: { kind: 'rm -rf', node: 'a' } },
      { type: 'setCluster', cluster: { seed: 'one' } },
      { type: 'setCluster', cluster: { preset: 'ha', evil: true } },
      { type: 'setCluster', cluster: { clusterFile: 'a\0b' } },
      { type: 'viewState', state: { view: 'secrets', selected: null } },
      { type: 'export', format: 'gif', data: 'x' },
      { type: 'export', format: 'png', data: 'data:text/html;base64,PHNjcmlwdD4=' },
      { type: 'export', format: 'svg', data: '<html><script>alert(1)</script></html>' },
    ];
    for (const m of bad) assert.equal(parseWebviewMessage(m), null, JSON.stringify(m)?.slice(0, 80));
  });

  it('decodes exports to the bytes written to disk', () => {
    const png = parseWebviewMessage({ type: 'export', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' });
    assert.ok(png && png.type === 'export');
    assert.deepEqual([...exportBytes(png)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const svg = parseWebviewMessage({ type: 'export', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' });
    assert.ok(svg && svg.type === 'export');
    assert.equal(new TextDecoder().decode(exportBytes(svg)), '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
  });
});
