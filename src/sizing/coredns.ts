/**
 * @module coredns: the cluster DNS every EKS cluster runs. CoreDNS runs two replicas by default,
 * requesting 100m CPU and 70Mi memory each
 * (https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html): on the system node group when
 * the cluster has EC2 nodes (deployment/system-nodes.ts gives one to every EKS cluster whose EC2 services
 * have node pools, Linux, Windows or both, and prices it on its own line), as Fargate pods otherwise. The EC2
 * fleet never holds it.
 */

export const COREDNS = { replicas: 2, vcpu: 0.1, memoryMiB: 70 } as const;
