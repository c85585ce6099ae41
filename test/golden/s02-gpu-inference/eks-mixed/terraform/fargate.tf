# Pods of api, admin carry berth.dev/fargate=true and run on Fargate.
resource "aws_eks_fargate_profile" "workload" {
  cluster_name           = aws_eks_cluster.this.name
  fargate_profile_name   = "gpu-inference"
  pod_execution_role_arn = aws_iam_role.fargate_pods.arn
  subnet_ids             = var.private_subnet_ids

  selector {
    namespace = "gpu-inference"
    labels = {
      "berth.dev/fargate" = "true"
    }
  }

  depends_on = [aws_iam_role_policy_attachment.fargate_pods_fargate_pod]
}
