import assert from 'node:assert/strict';
import { ClusterIpAllocator, NodePortAllocator, PodIpam, LoadBalancerIpam, parseCidr, ipToInt, intToIp, podCidrFor } from '../../../../src/cluster/network/ipam';
import { Rng } from '../../../../src/cluster/rng';
import { simulateObjects } from '../../../../src/cluster/simulate';

describe('network/ipam', () => {
  it('parses CIDRs and converts addresses', () => {
    assert.deepEqual(parseCidr('10.96.0.0/12'), { base: ipToInt('10.96.0.0'), bits: 12, size: 2 ** 20 });
    assert.equal(parseCidr('10.96.3.4/12')!.base, ipToInt('10.96.0.0'));
    assert.equal(parseCidr('nope'), null);
    assert.equal(parseCidr('10.0.0.0/33'), null);
    assert.equal(intToIp(ipToInt('192.168.1.254')!), '192.168.1.254');
    assert.equal(ipToInt('1.2.3.256'), null);
  });
  it('pod IPs come from the node CIDR in order from .2; a released one comes back after the range wrapped; exhaustion gives null', () => {
    const ipam = new PodIpam();
    assert.ok(ipam.addNode('n1', '10.244.1.0/24'));
    assert.equal(ipam.allocate('n1'), '10.244.1.2');
    assert.equal(ipam.allocate('n1'), '10.244.1.3');
    ipam.release('n1', '10.244.1.2');
    assert.equal(ipam.allocate('n1'), '10.244.1.4', 'host-local moves on past the last address handed out');
    assert.equal(ipam.allocate('n2'), null);
    assert.ok(ipam.addNode('tiny', '10.0.0.0/29'));
    for (const want of ['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']) assert.equal(ipam.allocate('tiny'), want);
    assert.equal(ipam.allocate('tiny'), null);
    ipam.release('tiny', '10.0.0.3');
    assert.equal(ipam.allocate('tiny'), '10.0.0.3', 'after the wrap, the released address');
    assert.equal(ipam.allocate('tiny'), null);
  });
  it('names the node whose pod CIDR overlaps a new one; the simulation warns and keeps both', () => {
    const ipam = new PodIpam();
    ipam.addNode('n1', '10.50.1.0/24');
    assert.equal(ipam.overlapping('n3', '10.50.1.0/24'), 'n1');
    assert.equal(ipam.overlapping('n3', '10.50.0.0/16'), 'n1', 'a wider range holding it');
    assert.equal(ipam.overlapping('n3', '10.50.2.0/24'), null);
    assert.equal(ipam.overlapping('n1', '10.50.1.0/24'), null, 'a node does not clash with itself');
    const node = (name: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: { podCIDR: '10.50.1.0/24' }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } });
    const s = simulateObjects([node('n1'), node('n3')], { seed: 1 });
    assert.deepEqual(s.warnings.map((w) => w.message), ["Node n3: pod CIDR 10.50.1.0/24 overlaps node n1's: pods on the two nodes can get the same IP"]);
    assert.deepEqual(s.nodes.map((n) => n.podCIDR), ['10.50.1.0/24', '10.50.1.0/24']);
  });
  it('assigns free /24s from 10.244.0.0/16 avoiding declared ones', () => {
    const taken = new Set(['10.244.1.0/24']);
    assert.equal(podCidrFor(1, taken), '10.244.2.0/24');
    assert.equal(podCidrFor(0, taken), '10.244.0.0/24');
    assert.equal(podCidrFor(300, new Set()), '10.245.44.0/24'); // past 256 nodes: the next /16
    const many = new Set<string>();
    for (let i = 0; i < 5000; i++) podCidrFor(i, many);
    assert.equal(many.size, 5000);
  });
  it('ClusterIPs: in 10.96.0.0/12 above the static band, deterministic per seed, unique', () => {
    const a = new ClusterIpAllocator(new Rng(1));
    const ips = Array.from({ length: 50 }, () => a.allocate()!);
    assert.equal(new Set(ips).size, 50);
    const lo = ipToInt('10.96.1.0')!; const hi = ipToInt('10.111.255.254')!;
    for (const ip of ips) { const n = ipToInt(ip)!; assert.ok(n >= lo && n <= hi, ip); }
    const b = new ClusterIpAllocator(new Rng(1));
    assert.deepEqual(Array.from({ length: 50 }, () => b.allocate()!), ips);
  });
  it('explicit ClusterIPs are honoured; out of range and duplicates are reported', () => {
    const a = new ClusterIpAllocator(new Rng(1));
    assert.deepEqual(a.claim('10.96.5.5'), { value: '10.96.5.5', problem: null });
    assert.match(a.claim('10.96.5.5').problem!, /already allocated/);
    assert.match(a.claim('10.0.0.5').problem!, /not in the service CIDR 10\.96\.0\.0\/12/);
    assert.match(a.claim('10.96.0.1').problem!, /already allocated/); // the kubernetes Service
  });
  it('NodePorts: 30000-32767, explicit honoured, conflicts and range errors reported', () => {
    const np = new NodePortAllocator(new Rng(2));
    assert.deepEqual(np.claim(30080, 'TCP', 'a/web'), { value: 30080, problem: null });
    assert.match(np.claim(30080, 'TCP', 'b/api').problem!, /already allocated to a\/web/);
    assert.equal(np.claim(30080, 'UDP', 'a/web').problem, null); // same Service may reuse its number
    assert.match(np.claim(80, 'TCP', 'a/x').problem!, /outside the NodePort range 30000-32767/);
    const ports = Array.from({ length: 30 }, () => np.allocate('c/svc')!);
    assert.equal(new Set(ports).size, 30);
    assert.ok(ports.every((p) => p >= 30000 && p <= 32767 && p !== 30080));
  });
  it('load balancer addresses from TEST-NET-1, skipping claimed ones', () => {
    const lb = new LoadBalancerIpam();
    lb.claim('192.0.2.1');
    assert.equal(lb.allocate(), '192.0.2.2');
    assert.equal(lb.allocate(), '192.0.2.3');
  });
});
