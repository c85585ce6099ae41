/**
 * @module coredns: the cluster DNS every EKS cluster runs. CoreDNS runs two replicas by default,
 * requesting 100m CPU and 70Mi memory each
 * (https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html): on EC2 nodes when the
 * cluster has some, as Fargate pods otherwise.
 */
export const COREDNS = { replicas: 2, vcpu: 0.1, memoryMiB: 70 } as const;
