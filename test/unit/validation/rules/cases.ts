// One positive and one negative example per rule that needs no simulation: the positive example must
// produce exactly `count` findings of the rule, the first at a node whose text is `at`; the negative
// example none. Shared by rules.test.ts (assertions) and the docs check (every rule has a case).

export interface RuleCase { rule: string; positive: string; count: number; at: string; negative: string; ctx?: { assumeExternal?: 'all' | string[] } }

const deploy = (opts: { labels?: string; selector?: string; container?: string; spec?: string; replicas?: number; name?: string; ns?: string } = {}) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${opts.name ?? 'web'}${opts.ns ? `\n  namespace: ${opts.ns}` : ''}
spec:
  replicas: ${opts.replicas ?? 2}
  selector:
    matchLabels:
      ${opts.selector ?? 'app: web'}
  template:
    metadata:
      labels:
        ${opts.labels ?? 'app: web'}
    spec:${opts.spec ?? ''}
      containers:
        - name: app
          image: nginx:1.27
${opts.container ?? `          ports:
            - name: http
              containerPort: 8080`}
`;

const service = (selector = 'app: web', ports = `    - port: 80
      targetPort: http`) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    ${selector}
  ports:
${ports}
`;

export const CASES: RuleCase[] = [
  { rule: 'service-selects-nothing', positive: `${deploy()}---\n${service('app: api')}`, count: 1, at: 'app: api', negative: `${deploy()}---\n${service()}` },
  { rule: 'service-target-port', positive: `${deploy()}---\n${service('app: web', '    - port: 80\n      targetPort: web')}`, count: 1, at: 'web', negative: `${deploy()}---\n${service('app: web', '    - port: 80\n      targetPort: 8080')}` },
  { rule: 'workload-selector-mismatch', positive: deploy({ labels: 'app: webx' }), count: 1, at: 'matchLabels:\n      app: web', negative: deploy() },
  {
    rule: 'ingress-backend-missing',
    positive: `${deploy()}---\n${service()}---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 8080\n          - path: /api\n            pathType: Prefix\n            backend:\n              service:\n                name: api\n                port:\n                  number: 80\n`,
    count: 2, at: '8080',
    negative: `${deploy()}---\n${service()}---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n`,
  },
  {
    rule: 'hpa-target-missing',
    positive: `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: webb\n  minReplicas: 2\n  maxReplicas: 5\n---\n${deploy()}`,
    count: 1, at: 'webb',
    negative: `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 2\n  maxReplicas: 5\n---\n${deploy().replace('  replicas: 2\n', '')}`,
  },
  {
    rule: 'hpa-target-sets-replicas',
    positive: `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  maxReplicas: 5\n---\n${deploy()}`,
    count: 1, at: '2',
    negative: `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  maxReplicas: 5\n---\n${deploy().replace('  replicas: 2\n', '')}`,
  },
  {
    rule: 'pdb-selects-nothing',
    positive: `${deploy()}---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: api\n`,
    count: 1, at: 'matchLabels:\n      app: api',
    negative: `${deploy()}---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: web\n`,
  },
  {
    rule: 'pdb-never-disrupts',
    positive: `${deploy()}---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 2\n  selector:\n    matchLabels:\n      app: web\n`,
    count: 1, at: '2',
    negative: `${deploy({ replicas: 3 })}---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 2\n  selector:\n    matchLabels:\n      app: web\n`,
  },
  {
    rule: 'networkpolicy-selects-nothing',
    positive: `${deploy()}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels:\n      app: api\n  policyTypes: [Ingress]\n`,
    count: 1, at: 'matchLabels:\n      app: api',
    negative: `${deploy()}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes: [Ingress]\n`,
  },
  {
    rule: 'statefulset-service-missing',
    positive: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db-headless\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers: [{name: db, image: "postgres:16"}]\n`,
    count: 1, at: 'db-headless',
    negative: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers: [{name: db, image: "postgres:16"}]\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector: {app: db}\n  ports: [{port: 5432}]\n`,
  },
  {
    rule: 'configmap-missing',
    positive: deploy({ container: '          envFrom:\n            - configMapRef:\n                name: settings\n            - configMapRef:\n                name: extra\n                optional: true' }),
    count: 1, at: 'settings',
    negative: `${deploy({ container: '          envFrom:\n            - configMapRef:\n                name: settings' })}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata: {a: b}\n`,
  },
  {
    rule: 'secret-missing',
    positive: deploy({ spec: '\n      imagePullSecrets:\n        - name: regcred', container: '          env:\n            - name: PW\n              valueFrom:\n                secretKeyRef: {name: db, key: pw}' }),
    count: 2, at: 'regcred',
    negative: deploy({ container: '          env:\n            - name: PW\n              valueFrom:\n                secretKeyRef: {name: db, key: pw}' }) + '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData: {pw: x}\n',
    ctx: undefined,
  },
  {
    rule: 'pvc-missing',
    positive: deploy({ spec: '\n      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: data' }),
    count: 1, at: 'data',
    negative: deploy({ spec: '\n      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: data' }) + '---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n',
  },
  {
    rule: 'serviceaccount-missing',
    positive: deploy({ spec: '\n      serviceAccountName: web-sa' }),
    count: 1, at: 'web-sa',
    negative: deploy({ spec: '\n      serviceAccountName: default' }),
  },
  {
    rule: 'priorityclass-missing',
    positive: deploy({ spec: '\n      priorityClassName: high' }),
    count: 1, at: 'high',
    negative: deploy({ spec: '\n      priorityClassName: system-cluster-critical' }),
  },
  {
    rule: 'storageclass-missing',
    positive: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: fast-ssd\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n',
    count: 1, at: 'fast-ssd',
    negative: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: ""\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n',
  },
  {
    rule: 'duplicate-object',
    positive: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n',
    count: 2, at: 'settings',
    negative: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: other\n',
  },
  {
    rule: 'label-syntax',
    positive: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels:\n    "-bad": x\n    team: "a b"\n',
    count: 2, at: '"-bad"',
    negative: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels:\n    example.com/team: a.b_c\n    empty: ""\n',
  },
  {
    rule: 'resources-missing',
    positive: deploy(),
    count: 1, at: 'app',
    negative: deploy({ container: '          resources:\n            requests: {cpu: 100m, memory: 64Mi}\n            limits: {cpu: "1", memory: 64Mi}' }),
  },
  {
    rule: 'requests-exceed-limits',
    positive: deploy({ container: '          resources:\n            requests: {cpu: "2", memory: 64Mi}\n            limits: {cpu: 1500m, memory: 64Mi}' }),
    count: 1, at: '"2"',
    negative: deploy({ container: '          resources:\n            requests: {cpu: "1", memory: 64Mi}\n            limits: {cpu: 1500m, memory: 0.5Gi}' }),
  },
  {
    rule: 'image-tag-latest',
    positive: deploy().replace('nginx:1.27', 'registry:5000/nginx'),
    count: 1, at: 'registry:5000/nginx',
    negative: deploy().replace('nginx:1.27', 'nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'),
  },
  {
    rule: 'rollout-strategy-invalid',
    positive: deploy().replace('  replicas: 2\n', '  replicas: 2\n  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 0%\n'),
    count: 1, at: '0%',
    negative: deploy().replace('  replicas: 2\n', '  replicas: 2\n  strategy:\n    rollingUpdate:\n      maxSurge: 0\n'),
  },
  { rule: 'probe-missing-readiness', positive: `${deploy()}---\n${service()}`, count: 1, at: 'app', negative: deploy() },
  {
    rule: 'probe-missing-liveness', positive: deploy(), count: 1, at: 'app',
    negative: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: once, image: "busybox:1.36"}]\n',
  },
  {
    rule: 'probe-port-not-exposed',
    positive: deploy({ container: '          ports: [{name: http, containerPort: 8080}]\n          readinessProbe:\n            httpGet: {path: /, port: metrics}' }),
    count: 1, at: 'metrics',
    negative: deploy({ container: '          ports: [{name: http, containerPort: 8080}]\n          readinessProbe:\n            httpGet: {path: /, port: http}\n          livenessProbe:\n            tcpSocket: {port: 8080}' }),
  },
  {
    rule: 'env-duplicate',
    positive: deploy({ container: '          env:\n            - {name: A, value: "1"}\n            - {name: B, value: "1"}\n            - {name: A, value: "2"}' }),
    count: 1, at: 'A',
    negative: deploy({ container: '          env:\n            - {name: A, value: "1"}\n            - {name: B, value: "1"}' }),
  },
  {
    rule: 'privileged', positive: deploy({ container: '          securityContext:\n            privileged: true' }), count: 1, at: 'true',
    negative: deploy({ container: '          securityContext:\n            privileged: false' }),
  },
  {
    rule: 'allow-privilege-escalation', positive: deploy({ container: '          securityContext:\n            allowPrivilegeEscalation: true' }), count: 1, at: 'true',
    negative: deploy({ container: '          securityContext:\n            allowPrivilegeEscalation: false' }),
  },
  {
    rule: 'run-as-non-root-missing', positive: deploy(), count: 1, at: 'app',
    negative: deploy({ spec: '\n      securityContext:\n        runAsNonRoot: true' }),
  },
  {
    rule: 'host-namespaces', positive: deploy({ spec: '\n      hostNetwork: true\n      hostPID: true' }), count: 2, at: 'true',
    negative: deploy({ spec: '\n      hostNetwork: false' }),
  },
  {
    rule: 'host-path', positive: deploy({ spec: '\n      volumes:\n        - name: logs\n          hostPath: {path: /var/log}' }), count: 1, at: '/var/log',
    negative: deploy({ spec: '\n      volumes:\n        - name: tmp\n          emptyDir: {}' }),
  },
  {
    rule: 'dangerous-capabilities', positive: deploy({ container: '          securityContext:\n            capabilities:\n              add: [NET_BIND_SERVICE, CAP_SYS_ADMIN]' }), count: 1, at: 'CAP_SYS_ADMIN',
    negative: deploy({ container: '          securityContext:\n            capabilities:\n              add: [NET_BIND_SERVICE]\n              drop: [ALL]' }),
  },
  {
    rule: 'docker-socket', positive: deploy({ spec: '\n      volumes:\n        - name: sock\n          hostPath:\n            path: /var/run/docker.sock' }), count: 1, at: '/var/run/docker.sock',
    negative: deploy({ spec: '\n      volumes:\n        - name: logs\n          hostPath: {path: /var/log}' }),
  },
  {
    rule: 'nodeport-conflict',
    positive: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]\n',
    count: 1, at: '30080',
    negative: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 30081, protocol: TCP}, {port: 80, nodePort: 30080, protocol: UDP}]\n',
  },
];
