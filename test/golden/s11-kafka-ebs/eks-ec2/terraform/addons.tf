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
  depends_on = [aws_eks_node_group.x86_64_m5a_2xlarge, aws_eks_node_group.system]
}

# Provisions the gp3 volumes of the StatefulSets.
resource "aws_eks_addon" "ebs_csi_driver" {
  cluster_name = aws_eks_cluster.this.name
  addon_name   = "aws-ebs-csi-driver"

  pod_identity_association {
    role_arn        = aws_iam_role.ebs_csi.arn
    service_account = "ebs-csi-controller-sa"
  }

  depends_on = [aws_eks_node_group.x86_64_m5a_2xlarge, aws_eks_node_group.system, aws_eks_addon.pod_identity_agent]
}
