import assert from 'node:assert/strict';
import { cluster, cycle, node, pod } from './helpers';
import { NodePorts, ErrReason, portsConflict } from '../../../../src/cluster/scheduler/plugins/node-ports';

const withPort = (name: string, hostPort: number, extra: Record<string, unknown> = {}, nodeName?: string) =>
  pod(name, { nodeName, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort, ...extra }] }] } });

describe('NodePorts', () => {
  it('0.0.0.0 conflicts with any IP; a specific IP with itself or 0.0.0.0; protocols are separate', () => {
    const used = [{ ip: '10.0.0.1', protocol: 'TCP', port: 80 }];
    assert.ok(portsConflict(used, [{ ip: '0.0.0.0', protocol: 'TCP', port: 80 }]));
    assert.ok(!portsConflict(used, [{ ip: '10.0.0.2', protocol: 'TCP', port: 80 }]));
    assert.ok(!portsConflict(used, [{ ip: '0.0.0.0', protocol: 'UDP', port: 80 }]));
    assert.ok(portsConflict([{ ip: '0.0.0.0', protocol: 'TCP', port: 80 }], [{ ip: '10.0.0.2', protocol: 'TCP', port: 80 }]));
  });

  it('Filter: Unschedulable with the upstream reason; PreFilter skips pods without host ports', () => {
    const s = cluster([node('a')], [withPort('old', 8080, {}, 'a')]);
    const np = new NodePorts();
    const cs = cycle(s, withPort('new', 8080));
    assert.equal(np.preFilter(cs).status.code, 'Success');
    const st = np.filter(cs, s.node('a')!);
    assert.equal(st.code, 'Unschedulable');
    assert.deepEqual(st.reasons, [ErrReason]);
    assert.equal(np.preFilter(cycle(s, pod('plain'))).status.code, 'Skip');
    assert.equal(np.filter(cycle(s, withPort('udp', 8080, { protocol: 'UDP' })), s.node('a')!).code, 'Success');
  });

  it('sidecar init containers count; plain init containers do not', () => {
    const s = cluster([node('a')], [withPort('old', 9000, {}, 'a')]);
    const side = pod('side', { spec: { containers: [{ name: 'c' }], initContainers: [{ name: 's', restartPolicy: 'Always', ports: [{ containerPort: 1, hostPort: 9000 }] }] } });
    const init = pod('init', { spec: { containers: [{ name: 'c' }], initContainers: [{ name: 's', ports: [{ containerPort: 1, hostPort: 9000 }] }] } });
    assert.equal(new NodePorts().filter(cycle(s, side), s.node('a')!).code, 'Unschedulable');
    assert.equal(new NodePorts().preFilter(cycle(s, init)).status.code, 'Skip');
  });
});
