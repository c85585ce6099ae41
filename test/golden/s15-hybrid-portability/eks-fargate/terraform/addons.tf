# CoreDNS configured for Fargate, as the cluster has no nodes.
resource "aws_eks_addon" "coredns" {
  cluster_name = aws_eks_cluster.this.name
  addon_name   = "coredns"
  configuration_values = jsonencode({
    computeType = "fargate"
  })
  depends_on = [aws_eks_fargate_profile.workload, aws_eks_fargate_profile.kube_system]
}
