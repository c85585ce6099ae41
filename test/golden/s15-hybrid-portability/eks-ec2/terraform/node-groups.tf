# Node pool "x86-64": Berth priced 2 × c6a.12xlarge + 1 × c6a.2xlarge at the busiest hour and 2 × c6a.12xlarge + 1 × c6a.2xlarge at the median hour.
# The node groups below keep 2 × c6a.12xlarge + 1 × c6a.2xlarge running all week, one group per instance type at a fixed size, so EKS launches exactly these types:
# the fleet's floor, the nodes every minute of the priced week runs, so the nodes kept never exceed what was priced.
# Karpenter (platform/karpenter.tf) adds nodes of the same types above that, up to the most vCPU and memory any priced hour runs plus one node of room for rolling updates, and removes them when they empty.
resource "aws_launch_template" "nodes_x86_64" {
  name_prefix            = "hybrid-platform-x86-64-"
  update_default_version = true
  # IMDSv2 only, one hop: pods (in their own network namespace) cannot reach the node role; they get AWS
  # credentials from EKS Pod Identity, and the node autoscaler and load balancer controller are given their region.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  # Provider default_tags do not reach what a launch template launches: the instances and their volumes
  # get the stack tags here: https://github.com/hashicorp/terraform-provider-aws/issues/19387
  tag_specifications {
    resource_type = "instance"
    tags = merge(local.tags, {
      Name = "hybrid-platform-x86-64"
    })
  }

  tag_specifications {
    resource_type = "volume"
    tags = merge(local.tags, {
      Name = "hybrid-platform-x86-64"
    })
  }
}

# 2 × c6a.12xlarge, fixed.
resource "aws_eks_node_group" "x86_64_c6a_12xlarge" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "x86-64-c6a-12xlarge"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = var.private_subnet_ids
  ami_type        = "AL2023_x86_64_STANDARD"
  capacity_type   = "ON_DEMAND"
  instance_types  = ["c6a.12xlarge"]
  labels = {
    "berth.dev/pool" = "x86-64"
  }

  scaling_config {
    min_size     = 2
    desired_size = 2
    max_size     = 2
  }

  update_config {
    max_unavailable = 1
  }

  launch_template {
    id      = aws_launch_template.nodes_x86_64.id
    version = aws_launch_template.nodes_x86_64.latest_version
  }

  depends_on = [
    aws_iam_role_policy_attachment.nodes_worker,
    aws_iam_role_policy_attachment.nodes_cni,
    aws_iam_role_policy_attachment.nodes_ecr_read,
    aws_iam_role_policy_attachment.nodes_ssm,
    aws_eks_addon.vpc_cni,
  ]
}

# 1 × c6a.2xlarge, fixed.
resource "aws_eks_node_group" "x86_64_c6a_2xlarge" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "x86-64-c6a-2xlarge"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = var.private_subnet_ids
  ami_type        = "AL2023_x86_64_STANDARD"
  capacity_type   = "ON_DEMAND"
  instance_types  = ["c6a.2xlarge"]
  labels = {
    "berth.dev/pool" = "x86-64"
  }

  scaling_config {
    min_size     = 1
    desired_size = 1
    max_size     = 1
  }

  update_config {
    max_unavailable = 1
  }

  launch_template {
    id      = aws_launch_template.nodes_x86_64.id
    version = aws_launch_template.nodes_x86_64.latest_version
  }

  depends_on = [
    aws_iam_role_policy_attachment.nodes_worker,
    aws_iam_role_policy_attachment.nodes_cni,
    aws_iam_role_policy_attachment.nodes_ecr_read,
    aws_iam_role_policy_attachment.nodes_ssm,
    aws_eks_addon.vpc_cni,
  ]
}

# Linux nodes for system pods: 2 × t3.medium, priced on the recommendation's "EKS system nodes" line.
# Karpenter must not run on nodes it manages, and EKS Pod Identity does not work on Fargate; where Windows nodes run, EKS also needs Linux nodes for CoreDNS.
# https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html
resource "aws_launch_template" "nodes_system" {
  name_prefix            = "hybrid-platform-system-"
  update_default_version = true
  # IMDSv2 only, one hop: pods (in their own network namespace) cannot reach the node role; they get AWS
  # credentials from EKS Pod Identity, and the node autoscaler and load balancer controller are given their region.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  # Provider default_tags do not reach what a launch template launches: the instances and their volumes
  # get the stack tags here: https://github.com/hashicorp/terraform-provider-aws/issues/19387
  tag_specifications {
    resource_type = "instance"
    tags = merge(local.tags, {
      Name = "hybrid-platform-system"
    })
  }

  tag_specifications {
    resource_type = "volume"
    tags = merge(local.tags, {
      Name = "hybrid-platform-system"
    })
  }
}

# 2 × t3.medium, fixed.
resource "aws_eks_node_group" "system" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "system"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = var.private_subnet_ids
  ami_type        = "AL2023_x86_64_STANDARD"
  capacity_type   = "ON_DEMAND"
  instance_types  = ["t3.medium"]
  labels = {
    "berth.dev/pool" = "system"
  }

  scaling_config {
    min_size     = 2
    desired_size = 2
    max_size     = 2
  }

  update_config {
    max_unavailable = 1
  }

  launch_template {
    id      = aws_launch_template.nodes_system.id
    version = aws_launch_template.nodes_system.latest_version
  }

  depends_on = [
    aws_iam_role_policy_attachment.nodes_worker,
    aws_iam_role_policy_attachment.nodes_cni,
    aws_iam_role_policy_attachment.nodes_ecr_read,
    aws_iam_role_policy_attachment.nodes_ssm,
    aws_eks_addon.vpc_cni,
  ]
}
