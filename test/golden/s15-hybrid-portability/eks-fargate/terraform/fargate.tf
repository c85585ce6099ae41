# Every pod in namespace hybrid-platform runs on Fargate.
resource "aws_eks_fargate_profile" "workload" {
  cluster_name           = aws_eks_cluster.this.name
  fargate_profile_name   = "hybrid-platform"
  pod_execution_role_arn = aws_iam_role.fargate_pods.arn
  subnet_ids             = var.private_subnet_ids

  selector {
    namespace = "hybrid-platform"
  }

  depends_on = [aws_iam_role_policy_attachment.fargate_pods_fargate_pod]
}

# No nodes: CoreDNS and metrics-server run on Fargate too.
resource "aws_eks_fargate_profile" "kube_system" {
  cluster_name           = aws_eks_cluster.this.name
  fargate_profile_name   = "kube-system"
  pod_execution_role_arn = aws_iam_role.fargate_pods.arn
  subnet_ids             = var.private_subnet_ids

  selector {
    namespace = "kube-system"
  }

  depends_on = [aws_iam_role_policy_attachment.fargate_pods_fargate_pod]
}
