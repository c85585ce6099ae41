# Kubernetes secrets are encrypted with this key on top of EBS encryption of etcd.
# https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html
# A customer managed key costs $1 a month, plus $1 a month for each of its first two yearly rotations:
# https://aws.amazon.com/kms/pricing/
resource "aws_kms_key" "eks_secrets" {
  description             = "Envelope encryption of the Kubernetes secrets of arm64-kubernetes-low-ops"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

# Created here, before the cluster, so control plane logs get a retention period.
resource "aws_cloudwatch_log_group" "cluster" {
  name              = "/aws/eks/arm64-kubernetes-low-ops/cluster"
  retention_in_days = var.log_retention_days
}

# EKS Auto Mode for arm64-kubernetes-low-ops.
# Priced fleet (what the recommendation bills), which the NodePools in platform/ may launch:
#   pool arm64: 1 × c6g.large + 2 × m6g.2xlarge at the busiest hour; 1 × c6g.large + 2 × m6g.2xlarge at the median hour.
resource "aws_eks_cluster" "this" {
  name                      = "arm64-kubernetes-low-ops"
  version                   = var.kubernetes_version
  role_arn                  = aws_iam_role.cluster.arn
  enabled_cluster_log_types = ["api", "audit", "authenticator"]
  # Auto Mode runs the VPC CNI, kube-proxy, CoreDNS, EKS Pod Identity, the EBS CSI driver, the load
  # balancer controller and the node autoscaler itself, so none is installed as an add-on.
  # https://docs.aws.amazon.com/eks/latest/userguide/automode.html
  bootstrap_self_managed_addons = false

  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = true
  }

  # Auto Mode on, without its built-in node pools: their general-purpose pool may launch any type,
  # and Berth priced given types. The NodePools in platform/ launch those types only; with no built-in
  # pool there is no default NodeClass and no node role here (the NodeClass names it).
  # https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html
  compute_config {
    enabled = true
  }

  # Compute, load balancing and block storage are turned on together.
  kubernetes_network_config {
    elastic_load_balancing {
      enabled = true
    }
  }

  storage_config {
    block_storage {
      enabled = true
    }
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

  encryption_config {
    resources = ["secrets"]

    provider {
      key_arn = aws_kms_key.eks_secrets.arn
    }
  }

  depends_on = [
    aws_iam_role_policy_attachment.cluster_cluster,
    aws_iam_role_policy_attachment.cluster_compute,
    aws_iam_role_policy_attachment.cluster_block_storage,
    aws_iam_role_policy_attachment.cluster_load_balancing,
    aws_iam_role_policy_attachment.cluster_networking,
    aws_cloudwatch_log_group.cluster,
  ]
}
