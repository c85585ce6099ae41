# Created here, before the cluster, so control plane logs get a retention period.
resource "aws_cloudwatch_log_group" "cluster" {
  name              = "/aws/eks/hybrid-platform/cluster"
  retention_in_days = var.log_retention_days
}

# EKS on Fargate for hybrid-platform.
resource "aws_eks_cluster" "this" {
  name                      = "hybrid-platform"
  version                   = var.kubernetes_version
  role_arn                  = aws_iam_role.cluster.arn
  enabled_cluster_log_types = ["api", "audit", "authenticator"]
  # The add-ons in addons.tf are managed by EKS rather than installed as self-managed copies.
  bootstrap_self_managed_addons = false

  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = true
  }

  vpc_config {
    subnet_ids              = var.private_subnet_ids
    endpoint_private_access = true
    endpoint_public_access  = true
    public_access_cidrs     = var.cluster_endpoint_public_access_cidrs
  }

  # Standard support: EKS upgrades the control plane when the version leaves standard support instead of charging for extended support.
  # https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html
  upgrade_policy {
    support_type = "STANDARD"
  }

  depends_on = [aws_iam_role_policy_attachment.cluster_cluster, aws_cloudwatch_log_group.cluster]
}
