resource "aws_launch_template" "nodes_x86_64" {
  name_prefix            = "hybrid-platform-x86-64-"
  update_default_version = true
  # IMDSv2 only; pods get AWS credentials from EKS Pod Identity, not the node role.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }

  tag_specifications {
    resource_type = "instance"
    tags = {
      Name = "hybrid-platform-x86-64"
    }
  }
}

# Node pool "x86-64": the optimizer's fleet is 1 × c6a.2xlarge + 3 × c6a.8xlarge at peak, 1 × c6a.2xlarge + 3 × c6a.8xlarge at the median hour.
# min 4, desired 4, max 4; a node autoscaler (Cluster Autoscaler or Karpenter) moves it within that range.
resource "aws_eks_node_group" "x86_64" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "x86-64"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = var.private_subnet_ids
  ami_type        = "AL2023_x86_64_STANDARD"
  capacity_type   = "ON_DEMAND"
  instance_types  = ["c6a.8xlarge", "c6a.2xlarge"]
  labels = {
    "berth.dev/pool" = "x86-64"
  }

  scaling_config {
    min_size     = 4
    desired_size = 4
    max_size     = 4
  }

  update_config {
    max_unavailable = 1
  }

  launch_template {
    id      = aws_launch_template.nodes_x86_64.id
    version = aws_launch_template.nodes_x86_64.latest_version
  }

  lifecycle {
    ignore_changes = [scaling_config[0].desired_size]
  }

  depends_on = [
    aws_iam_role_policy_attachment.nodes_worker,
    aws_iam_role_policy_attachment.nodes_cni,
    aws_iam_role_policy_attachment.nodes_ecr_read,
    aws_iam_role_policy_attachment.nodes_ssm,
    aws_eks_addon.vpc_cni,
  ]
}
