// Graph relations over a real simulated snapshot holding every related kind: PDB -> pods by its whole
// selector (matchExpressions, empty selector), HPA -> target, Pod -> ConfigMap/Secret/ServiceAccount/PVC
// with missing references drawn as such, Ingress -> Service (and a missing backend), StatefulSet/DaemonSet/Job -> Pod.
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium, openWebview, simulateTexts, snapshotMessage, stopServer, type WebviewPage } from './harness';

const YAML = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: web-sa
      containers:
      - name: web
        image: nginx:1.27
        envFrom: [{configMapRef: {name: web-config}}]
        env: [{name: PW, valueFrom: {secretKeyRef: {name: db-secret, key: pw}}}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, namespace: shop}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 5
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web-expr, namespace: shop}
spec:
  minAvailable: 1
  selector: {matchExpressions: [{key: app, operator: In, values: [web]}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: everything, namespace: shop}
spec:
  maxUnavailable: 1
  selector: {}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "postgres:16"}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: shop}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: a, image: "busybox:1.36"}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: r, image: "busybox:1.36"}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: shop}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: m, image: "busybox:1.36"}]
`;

describe('webview graph relations (real snapshot with every related kind)', function () {
  let browser: Browser;
  let wp: WebviewPage;
  before(async function () {
    if (!simulateTexts([{ path: 'all.yaml', text: YAML }])) this.skip();
    browser = await launchChromium();
  });
  after(async () => { await browser?.close(); await stopServer(); });
  afterEach(async () => { await wp?.close(); });

  it('draws each relation between the right objects', async () => {
    const snap = simulateTexts([{ path: 'all.yaml', text: YAML }])!;
    wp = await openWebview(browser, { width: 1400, height: 1000 });
    await wp.send(snapshotMessage(snap));
    const edges = await wp.page.$$eval('path.kp-edge', (ps) => ps.map((p) => ({ cls: p.getAttribute('class') ?? '', from: p.getAttribute('data-from') ?? '', to: p.getAttribute('data-to') ?? '' })));
    const from = (key: string, rel: string) => edges.filter((e) => e.from === key && e.cls.includes(`rel-${rel}`)).map((e) => e.to).sort();
    const podsOf = (prefix: string) => snap.pods.filter((p) => p.name.startsWith(prefix)).map((p) => `Pod/${p.namespace}/${p.name}`).sort();
    const shopPods = snap.pods.filter((p) => p.namespace === 'shop').map((p) => `Pod/${p.namespace}/${p.name}`).sort();
    assert.equal(podsOf('web-').length, 3);

    // PDB by matchExpressions, and an empty policy/v1 selector: every pod of the namespace
    assert.deepEqual(from('PodDisruptionBudget/shop/web-expr', 'protects'), podsOf('web-'));
    assert.deepEqual(from('PodDisruptionBudget/shop/everything', 'protects'), shopPods);
    // HPA -> its target; owners -> pods
    assert.deepEqual(from('HorizontalPodAutoscaler/shop/web', 'scales'), ['Deployment/shop/web']);
    assert.deepEqual(from('StatefulSet/shop/db', 'owns'), podsOf('db-'));
    assert.deepEqual(from('DaemonSet/shop/agent', 'owns'), podsOf('agent-'));
    assert.deepEqual(from('Job/shop/migrate', 'owns'), podsOf('migrate-'));
    // Pod -> ConfigMap (present), Secret and ServiceAccount (missing: drawn as missing), PVC of the StatefulSet
    const web0 = podsOf('web-')[0];
    assert.deepEqual(from(web0, 'uses'), ['ConfigMap/shop/web-config', 'Secret/shop/db-secret', 'ServiceAccount/shop/web-sa']);
    assert.deepEqual(from(podsOf('db-')[0], 'uses'), [`PersistentVolumeClaim/shop/data-${podsOf('db-')[0].split('/')[2]}`]);
    const missing = await wp.page.$$eval('g.kp-gnode.status-missing', (gs) => gs.map((g) => g.getAttribute('data-key')).sort());
    assert.deepEqual(missing, ['Secret/shop/db-secret', 'Service/shop/api', 'ServiceAccount/shop/web-sa']);
    // a CronJob says when its next Job comes rather than "0/0 scheduled"
    const cron = snap.workloads.find((w) => w.kind === 'CronJob')!;
    const cronText = await wp.page.$eval('g.kp-gnode[data-key="CronJob/shop/report"]', (g) => g.textContent ?? '');
    assert.ok(cronText.startsWith('reportcronjob · next Job 20') && cronText.includes(`next Job ${cron.nextJob!.scheduledTime}`), cronText);
    // Ingress -> both backends, the missing one drawn as missing
    assert.deepEqual(from('Ingress/shop/shop', 'routes-to'), ['Service/shop/api', 'Service/shop/web']);
  });
});
