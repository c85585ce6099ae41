# Pod networking on the nodes; installed before the node groups so nodes become Ready.
resource "aws_eks_addon" "vpc_cni" {
  cluster_name = aws_eks_cluster.this.name
  addon_name   = "vpc-cni"
}

resource "aws_eks_addon" "kube_proxy" {
  cluster_name = aws_eks_cluster.this.name
  addon_name   = "kube-proxy"
}

# Gives pods the IAM roles of their service accounts (EKS Pod Identity).
resource "aws_eks_addon" "pod_identity_agent" {
  cluster_name = aws_eks_cluster.this.name
  addon_name   = "eks-pod-identity-agent"
}

# CoreDNS runs on the system node group, which is priced with it; the worker fleet leaves room for none.
resource "aws_eks_addon" "coredns" {
  cluster_name = aws_eks_cluster.this.name
  addon_name   = "coredns"
  configuration_values = jsonencode({
    nodeSelector = {
      "berth.dev/pool" = "system"
    }
  })
  depends_on = [aws_eks_node_group.gpu_g4dn_2xlarge, aws_eks_node_group.system, aws_eks_fargate_profile.workload]
}
