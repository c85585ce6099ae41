/**
 * A key the format does not have is refused at its line, with the nearest valid key when it is a likely
 * typo, so a misspelt size, replica count or placement never leaves a service at a default without a word.
 * The valid keys come from each format's API definition (docs/import.md); the misspellings below are each
 * one or two letters from a listed key, or in no list at all.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../src/errors.js';
import { importWorkload } from '../../src/import/import-workload.js';
import type { ImportFile } from '../../src/import/types.js';

function problemsOf(files: ImportFile[]): string[] {
  try {
    importWorkload(files);
  } catch (error) {
    if (!isBerthError(error)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected the import to fail');
}

const fixture = (name: string): ImportFile => ({
  name,
  text: readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8'),
});

describe('Kubernetes fields the API does not have', () => {
  it('refuses a misspelt field in every object the import reads, at its line, with the nearest field', () => {
    const text = [
      'apiVersion: apps/v1', // 1
      'kind: Deployment',
      'metadata: { name: web, namepsace: shop, labels: { any-label: x }, annotations: { any/note: y } }',
      'spec:',
      '  replica: 3', // 5
      '  template:',
      '    metadata: { labels: { app: web } }',
      '    spec:',
      '      nodeSelector: { kubernetes.io/arch: arm64, any.example.com/label: z }',
      '      affinity:', // 10
      '        nodeAfinity: {}',
      '      initContainer: []',
      '      containers:',
      '        - name: web',
      '          image: nginx', // 15
      '          resource: {}',
      '        - name: side',
      '          resources:',
      '            requets: { cpu: "2" }',
      '            limit: { memory: 1Gi }', // 20
      '        - name: third',
      '          resources:',
      '            requests: { cpus: 1, memroy: 1Gi, hugepages-2Mi: 2Mi, example.com/fpga: 1 }',
      '          securityContext: { privilaged: true }',
      '          ports: [{ containerport: 80 }]', // 25
      '          volumeMounts: [{ name: d, mountpath: /data }]',
      '      volumes:',
      '        - name: d',
      '          persistentVolumeClam: { claimName: data }',
      '---', // 30
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: { name: db }',
      'spec:',
      '  replicas: 1', // 35
      '  volumeClaimTemplate: []',
      '  template:',
      '    spec:',
      '      affinity:',
      '        nodeAffinity:', // 40
      '          requiredDuringSchedulingIgnoredDuringExecution:',
      '            nodeSelectorTerms:',
      '              - matchExpression: []',
      '              - matchExpressions: [{ key: kubernetes.io/arch, operater: In, values: [arm64] }]',
      '      containers: [{ name: db, image: postgres, resources: { requests: { cpu: 1 } } }]', // 45
      '---',
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata: { name: agent }',
      'sepc: {}', // 50
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: { name: report }',
      'spec:', // 55
      '  schedule: "0 2 * * *"',
      '  jobTemplte: {}',
      '---',
      'apiVersion: batch/v1',
      'kind: Job', // 60
      'metadata: { name: once }',
      'spec:',
      '  parallelizm: 4',
      '  template: { spec: { containers: [{ name: j, image: x }] } }',
      '---', // 65
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: lone }',
      'spec:',
      '  containers: [{ name: p, image: x }]', // 70
      '  hostNetwrok: true',
      '---',
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata: { name: web }', // 75
      'spec:',
      '  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }',
      '  minReplica: 2',
      '  maxReplicas: 9',
      '  metrics:', // 80
      '    - type: Resource',
      '      resource: { name: cpu, target: { type: Utilization, averageUtilisation: 70 } }',
      '---',
      'apiVersion: autoscaling/v1',
      'kind: HorizontalPodAutoscaler', // 85
      'metadata: { name: db }',
      'spec:',
      '  scaleTargetRef: { kind: StatefulSet, name: db }',
      '  maxReplicas: 3',
      '  targetCPUUtilisationPercentage: 60', // 90
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: web }',
      'spec:', // 95
      '  tpye: LoadBalancer',
      '  selector: { app: web }',
      '  ports: [{ port: 80, targetport: 8080 }]',
      '---',
      'apiVersion: networking.k8s.io/v1', // 100
      'kind: Ingress',
      'metadata: { name: web }',
      'spec:',
      '  rules:',
      '    - http:', // 105
      '        paths:',
      '          - path: /',
      '            backend: { servce: { name: web } }',
      '---',
      'apiVersion: v1', // 110
      'kind: PersistentVolumeClaim',
      'metadata: { name: data }',
      'spec:',
      '  resources: { request: { storage: 10Gi } }',
    ].join('\n');
    const unknown = (field: string, type: string, near?: string) =>
      `unknown Kubernetes field "${field}": not a field of ${type} in the Kubernetes API${near ? ` (did you mean ${near}?)` : ''}`;
    expect(problemsOf([{ name: 'k8s.yaml', text }])).toEqual([
      `k8s.yaml:3: metadata.namepsace: ${unknown('namepsace', 'ObjectMeta (meta/v1)', 'namespace')}`,
      `k8s.yaml:5: spec.replica: ${unknown('replica', 'DeploymentSpec (apps/v1)', 'replicas')}`,
      `k8s.yaml:11: spec.template.spec.affinity.nodeAfinity: ${unknown('nodeAfinity', 'Affinity (core/v1)', 'nodeAffinity')}`,
      `k8s.yaml:12: spec.template.spec.initContainer: ${unknown('initContainer', 'PodSpec (core/v1)', 'initContainers')}`,
      `k8s.yaml:16: spec.template.spec.containers[0].resource: ${unknown('resource', 'Container (core/v1)', 'resources')}`,
      `k8s.yaml:19: spec.template.spec.containers[1].resources.requets: ${unknown('requets', 'ResourceRequirements (core/v1)', 'requests')}`,
      `k8s.yaml:20: spec.template.spec.containers[1].resources.limit: ${unknown('limit', 'ResourceRequirements (core/v1)', 'limits')}`,
      'k8s.yaml:23: spec.template.spec.containers[2].resources.requests.cpus: unknown Kubernetes resource "cpus": a container asks for cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource named with a domain (nvidia.com/gpu) (did you mean cpu?)',
      'k8s.yaml:23: spec.template.spec.containers[2].resources.requests.memroy: unknown Kubernetes resource "memroy": a container asks for cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource named with a domain (nvidia.com/gpu) (did you mean memory?)',
      `k8s.yaml:24: spec.template.spec.containers[2].securityContext.privilaged: ${unknown('privilaged', 'SecurityContext (core/v1)', 'privileged')}`,
      `k8s.yaml:25: spec.template.spec.containers[2].ports[0].containerport: ${unknown('containerport', 'ContainerPort (core/v1)', 'containerPort')}`,
      `k8s.yaml:26: spec.template.spec.containers[2].volumeMounts[0].mountpath: ${unknown('mountpath', 'VolumeMount (core/v1)', 'mountPath')}`,
      `k8s.yaml:29: spec.template.spec.volumes[0].persistentVolumeClam: ${unknown('persistentVolumeClam', 'Volume (core/v1)', 'persistentVolumeClaim')}`,
      `k8s.yaml:36: spec.volumeClaimTemplate: ${unknown('volumeClaimTemplate', 'StatefulSetSpec (apps/v1)', 'volumeClaimTemplates')}`,
      `k8s.yaml:43: spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpression: ${unknown('matchExpression', 'NodeSelectorTerm (core/v1)', 'matchExpressions')}`,
      `k8s.yaml:44: spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[1].matchExpressions[0].operater: ${unknown('operater', 'NodeSelectorRequirement (core/v1)', 'operator')}`,
      // Misspelt, spec and jobTemplate are not read: the pod they would hold has no container.
      'k8s.yaml:47: spec.template.spec.containers: a pod needs at least one container',
      `k8s.yaml:50: sepc: ${unknown('sepc', 'DaemonSet (apps/v1)', 'spec')}`,
      'k8s.yaml:56: spec.jobTemplate.spec.template.spec.containers: a pod needs at least one container',
      `k8s.yaml:57: spec.jobTemplte: ${unknown('jobTemplte', 'CronJobSpec (batch/v1)', 'jobTemplate')}`,
      `k8s.yaml:63: spec.parallelizm: ${unknown('parallelizm', 'JobSpec (batch/v1)', 'parallelism')}`,
      `k8s.yaml:71: spec.hostNetwrok: ${unknown('hostNetwrok', 'PodSpec (core/v1)', 'hostNetwork')}`,
      `k8s.yaml:78: spec.minReplica: ${unknown('minReplica', 'HorizontalPodAutoscalerSpec (autoscaling/v2)', 'minReplicas')}`,
      `k8s.yaml:82: spec.metrics[0].resource.target.averageUtilisation: ${unknown('averageUtilisation', 'MetricTarget (autoscaling/v2)', 'averageUtilization')}`,
      `k8s.yaml:90: spec.targetCPUUtilisationPercentage: ${unknown('targetCPUUtilisationPercentage', 'HorizontalPodAutoscalerSpec (autoscaling/v1)', 'targetCPUUtilizationPercentage')}`,
      `k8s.yaml:96: spec.tpye: ${unknown('tpye', 'ServiceSpec (core/v1)', 'type')}`,
      `k8s.yaml:98: spec.ports[0].targetport: ${unknown('targetport', 'ServicePort (core/v1)', 'targetPort')}`,
      `k8s.yaml:108: spec.rules[0].http.paths[0].backend.servce: ${unknown('servce', 'IngressBackend (networking.k8s.io/v1)', 'service')}`,
      `k8s.yaml:114: spec.resources.request: ${unknown('request', 'VolumeResourceRequirements (core/v1)', 'requests')}`,
    ]);
  });

  it('imports kubectl get -o yaml output with every field the API server writes, and refuses it misspelt', () => {
    const file = fixture('kubectl-get.yaml');
    const result = importWorkload([file]);
    expect(result.workload.services.map((s) => [s.name, s.cpu, s.memory, s.replicas])).toEqual([
      // The assets init container (100m, 64Mi) runs before web (500m, 1Gi), so web's requests count.
      ['web', 0.5, '1024 MiB', { min: 3, max: 12 }],
      ['orders-db', 2, '4096 MiB', 1],
      ['node-exporter', 0.02, '32 MiB', undefined],
      ['nightly-report', 1, '2048 MiB', 1],
      ['reindex', 0.5, '1024 MiB', 2],
      ['debug-shell', 0.05, '32 MiB', undefined], // a bare Pod, with a note
    ]);
    expect(result.workload.services[0]?.needs?.ephemeralStorageGiB).toBe(1);
    expect(result.notes.filter((n) => n.kind === 'warning').map((n) => n.service)).toEqual(['orders-db']);
    // One letter off in the same file is refused.
    const misspelt = {
      ...file,
      text: file.text.replace('      replicas: 3\n', '      replicas: 3\n      replica: 4\n'),
    };
    expect(problemsOf([misspelt])).toEqual([
      'kubectl-get.yaml:47: spec.replica: unknown Kubernetes field "replica": not a field of DeploymentSpec (apps/v1) in the Kubernetes API (did you mean replicas?)',
    ]);
  });

  it('reads an object of an API version whose fields it does not hold, says so, and leaves custom resources alone', () => {
    const text = [
      'apiVersion: batch/v1beta1',
      'kind: CronJob',
      'metadata: { name: old }',
      'spec:',
      '  schedule: "0 3 * * *"',
      '  someOldField: true',
      '  jobTemplate: { spec: { template: { spec: { containers: [{ name: o, image: x, resources: { requests: { cpu: 1 } } }] } } } }',
      '---',
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Rollout',
      'metadata: { name: canary }',
      'spec: { anyField: 1 }',
    ].join('\n');
    const result = importWorkload([{ name: 'k8s.yaml', text }]);
    expect(result.workload.services.map((s) => [s.name, s.cpu])).toEqual([['old', 1]]);
    expect(result.notes.filter((n) => n.kind === 'warning')).toEqual([
      {
        kind: 'warning',
        at: 'k8s.yaml:1',
        message:
          'CronJob old is batch/v1beta1: Berth holds the fields of batch/v1 only, so a misspelt field in it is not reported',
      },
    ]);
    expect(result.skipped).toEqual(['k8s.yaml:9 Rollout canary: not a kind Berth reads']);
  });

  it('notes pod-level resources, a valid field the sizing does not read', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  resources: { requests: { cpu: 4 } }\n  containers: [{ name: c, image: x, resources: { requests: { cpu: 1 } } }]\n';
    const result = importWorkload([{ name: 'pod.yaml', text }]);
    expect(result.workload.services[0]?.cpu).toBe(1);
    expect(result.notes).toContainEqual({
      kind: 'unsupported',
      service: 'p',
      at: 'pod.yaml:5',
      message: "pod-level resources are not read: Berth sizes the pod from its containers' requests",
    });
  });
});

describe('ECS fields the API does not have', () => {
  const unknown = (field: string, shape: string, near?: string) =>
    `unknown ECS field "${field}": not a field of ${shape} in the Amazon ECS API${near ? ` (did you mean ${near}?)` : ''}`;

  it('refuses a misspelt field in the task definition, its containers and the service, at its line', () => {
    const task = [
      '{', // 1
      '  "taskDefinition": {',
      '    "family": "api",',
      '    "memroy": "4096",',
      '    "cpu": "2048",', // 5
      '    "runtimePlatform": { "cpuArchitecure": "ARM64" },',
      '    "ephemeralStorage": { "sizeInGb": 50 },',
      '    "volumes": [{ "name": "data", "efsVolumeConfig": {} }],',
      '    "containerDefinitions": [',
      '      {', // 10
      '        "name": "api",',
      '        "image": "api:1",',
      '        "cpus": 1024,',
      '        "memoryReservaton": 2048,',
      '        "portMappings": [{ "containerPorts": 8080 }],', // 15
      '        "resourceRequirements": [{ "typ": "GPU", "value": "1" }],',
      '        "linuxParameters": { "capabilities": { "ad": ["SYS_ADMIN"] }, "sharedMemorySise": 64 },',
      '        "mountPoints": [{ "sourceVolume": "data", "containerpath": "/data" }],',
      '        "healthCheck": { "command": ["CMD", "true"], "startPeriods": 10 }',
      '      }', // 20
      '    ]',
      '  },',
      '  "tag": []',
      '}',
    ].join('\n');
    const services = [
      '{', // 1
      '  "services": [',
      '    {',
      '      "serviceName": "api",',
      '      "taskDefinition": "api:3",', // 5
      '      "desiredcount": 3,',
      '      "loadBalancers": [{ "containerName": "api", "containerPrt": 8080 }],',
      '      "capacityProviderStrategy": [{ "capacityProvidr": "FARGATE_SPOT", "weight": 1 }]',
      '    }',
      '  ],', // 10
      '  "failures": []',
      '}',
    ].join('\n');
    expect(
      problemsOf([
        { name: 'task.json', text: task },
        { name: 'services.json', text: services },
      ]),
    ).toEqual([
      `task.json:4: taskDefinition.memroy: ${unknown('memroy', 'TaskDefinition', 'memory')}`,
      `task.json:6: taskDefinition.runtimePlatform.cpuArchitecure: ${unknown('cpuArchitecure', 'RuntimePlatform', 'cpuArchitecture')}`,
      `task.json:7: taskDefinition.ephemeralStorage.sizeInGb: ${unknown('sizeInGb', 'EphemeralStorage', 'sizeInGiB')}`,
      `task.json:8: taskDefinition.volumes[0].efsVolumeConfig: ${unknown('efsVolumeConfig', 'Volume')}`,
      `task.json:13: taskDefinition.containerDefinitions[0].cpus: ${unknown('cpus', 'ContainerDefinition', 'cpu')}`,
      `task.json:14: taskDefinition.containerDefinitions[0].memoryReservaton: ${unknown('memoryReservaton', 'ContainerDefinition', 'memoryReservation')}`,
      `task.json:15: taskDefinition.containerDefinitions[0].portMappings[0].containerPorts: ${unknown('containerPorts', 'PortMapping', 'containerPort')}`,
      `task.json:16: taskDefinition.containerDefinitions[0].resourceRequirements[0].typ: ${unknown('typ', 'ResourceRequirement', 'type')}`,
      `task.json:17: taskDefinition.containerDefinitions[0].linuxParameters.sharedMemorySise: ${unknown('sharedMemorySise', 'LinuxParameters', 'sharedMemorySize')}`,
      `task.json:17: taskDefinition.containerDefinitions[0].linuxParameters.capabilities.ad: ${unknown('ad', 'KernelCapabilities', 'add')}`,
      `task.json:18: taskDefinition.containerDefinitions[0].mountPoints[0].containerpath: ${unknown('containerpath', 'MountPoint', 'containerPath')}`,
      `task.json:19: taskDefinition.containerDefinitions[0].healthCheck.startPeriods: ${unknown('startPeriods', 'HealthCheck', 'startPeriod')}`,
      `task.json:23: tag: ${unknown('tag', 'aws ecs describe-task-definition or describe-services output', 'tags')}`,
      `services.json:6: services[0].desiredcount: ${unknown('desiredcount', 'Service', 'desiredCount')}`,
      `services.json:7: services[0].loadBalancers[0].containerPrt: ${unknown('containerPrt', 'LoadBalancer', 'containerPort')}`,
      `services.json:8: services[0].capacityProviderStrategy[0].capacityProvidr: ${unknown('capacityProvidr', 'CapacityProviderStrategyItem', 'capacityProvider')}`,
    ]);
  });

  it('refuses a misspelt field of a bare task definition, as register-task-definition takes it', () => {
    const text =
      '{\n  "family": "web",\n  "tags": [],\n  "containerDefinitions": [{ "name": "web", "image": "nginx" }],\n  "memroy": "2048"\n}';
    expect(problemsOf([{ name: 'web.json', text }])).toEqual([
      `web.json:5: memroy: ${unknown('memroy', 'TaskDefinition', 'memory')}`,
    ]);
  });

  it('imports describe-task-definition and describe-services output with every field AWS returns, and refuses it misspelt', () => {
    const files = [fixture('describe-task-definition.json'), fixture('describe-services.json')];
    const result = importWorkload(files);
    expect(result.workload.services).toEqual([
      {
        name: 'checkout',
        image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/checkout:2026.11.3',
        cpu: 1,
        memory: '4096 MiB',
        replicas: 4,
        architecture: 'arm64',
        port: 8080,
        exposure: 'public',
        interruptible: true,
        needs: { ephemeralStorageGiB: 40 },
      },
    ]);
    const [task, services] = files as [ImportFile, ImportFile];
    const misspelt = {
      ...task,
      text: task.text.replace('"memoryReservation": 2048', '"memoryReservaton": 2048'),
    };
    expect(problemsOf([misspelt, services])).toEqual([
      `describe-task-definition.json:13: taskDefinition.containerDefinitions[0].memoryReservaton: ${unknown('memoryReservaton', 'ContainerDefinition', 'memoryReservation')}`,
    ]);
  });
});

describe('Copilot keys the manifest reference does not have', () => {
  const unknown = (key: string, what: string, near?: string) =>
    `unknown Copilot key "${key}": not ${what} in the Copilot manifest reference${near ? ` (did you mean ${near}?)` : ''}; Copilot ignores a key it does not know, so its value would not be used`;

  it('refuses a misspelt key in each section the import reads, per manifest type, at its line', () => {
    const web = [
      'name: web', // 1
      'type: Load Balanced Web Service',
      'x-defaults: &defaults { LOG_LEVEL: info }',
      'cpus: 2048',
      'memory: 4096', // 5
      'image: { locaton: nginx:1.27, port: 80 }',
      'platform: { osfamily: linux, architecure: arm64 }',
      'count:',
      '  rnage: 1-10',
      '  cpu_percentage: 70', // 10
      'storage: { ephmeral: 100 }',
      'subscribe: { topics: [] }',
      'variables: *defaults',
    ].join('\n');
    const api = [
      'name: api',
      'type: Backend Service',
      'http: { pth: / }',
      'count: { range: { min: 1, mx: 4 } }',
      'replicas: 3', // 5
    ].join('\n');
    const job = ['name: report', 'type: Scheduled Job', 'on: { schedul: "@daily" }', 'timout: 1h'].join('\n');
    const worker = [
      'name: thumbs',
      'type: Worker Service',
      'subscribe: { topic: [] }',
      'http: { path: / }',
    ].join('\n');
    expect(
      problemsOf([
        { name: 'web.yml', text: web },
        { name: 'api.yml', text: api },
        { name: 'job.yml', text: job },
        { name: 'worker.yml', text: worker },
      ]),
    ).toEqual([
      `web.yml:4: cpus: ${unknown('cpus', 'a Load Balanced Web Service key', 'cpu')}`,
      `web.yml:6: image.locaton: ${unknown('locaton', 'an image key', 'location')}`,
      `web.yml:7: platform.architecure: ${unknown('architecure', 'a platform key', 'architecture')}`,
      `web.yml:9: count.rnage: ${unknown('rnage', 'a count key', 'range')}`,
      // Misspelt, the range is not read: the count map has none.
      'web.yml:9: count.range: expected a range such as "1-10" or { min, max }, got undefined',
      `web.yml:11: storage.ephmeral: ${unknown('ephmeral', 'a storage key', 'ephemeral')}`,
      `web.yml:12: subscribe: ${unknown('subscribe', 'a Load Balanced Web Service key')}`,
      `api.yml:3: http.pth: ${unknown('pth', 'an http key', 'path')}`,
      `api.yml:4: count.range.mx: ${unknown('mx', 'a count.range key', 'max')}`,
      'api.yml:4: count.range: expected a range such as "1-10" or { min, max }, got {"min":1,"mx":4}',
      `api.yml:5: replicas: ${unknown('replicas', 'a Backend Service key')}`,
      `job.yml:3: on.schedul: ${unknown('schedul', 'an on key', 'schedule')}`,
      // The schedule was not read, so the job has none.
      'job.yml:3: on.schedule: a Scheduled Job needs on.schedule',
      `job.yml:4: timout: ${unknown('timout', 'a Scheduled Job key', 'timeout')}`,
      `worker.yml:3: subscribe.topic: ${unknown('topic', 'a subscribe key', 'topics')}`,
      `worker.yml:4: http: ${unknown('http', 'a Worker Service key')}`,
    ]);
  });

  it('imports a Load Balanced Web Service manifest with every section, and refuses it misspelt', () => {
    const file = fixture('copilot-frontend.yml');
    const result = importWorkload([file]);
    expect(result.workload.services).toEqual([
      {
        name: 'frontend',
        cpu: 1,
        memory: '2048 MiB',
        replicas: { min: 2, max: 10 },
        architecture: 'arm64',
        port: 8080,
        exposure: 'public',
        interruptible: true,
        needs: { ephemeralStorageGiB: 40 },
      },
    ]);
    const misspelt = { ...file, text: file.text.replace('\nmemory: 2048', '\nmemroy: 2048') };
    expect(problemsOf([misspelt])).toEqual([
      `copilot-frontend.yml:55: memroy: ${unknown('memroy', 'a Load Balanced Web Service key', 'memory')}`,
    ]);
  });
});
