# Lets the nodes of the custom NodeClass join the cluster; EKS creates this entry only for its built-in pools.
# https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html
resource "aws_eks_access_entry" "auto_nodes" {
  cluster_name  = aws_eks_cluster.this.name
  principal_arn = aws_iam_role.auto_nodes.arn
  type          = "EC2"
}

resource "aws_eks_access_policy_association" "auto_nodes" {
  cluster_name  = aws_eks_cluster.this.name
  principal_arn = aws_iam_role.auto_nodes.arn
  policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAutoNodePolicy"

  access_scope {
    type = "cluster"
  }

  depends_on = [aws_eks_access_entry.auto_nodes]
}

# Auto Mode launches nodes into the subnets with this tag (the NodeClass subnetSelectorTerms).
resource "aws_ec2_tag" "node_subnets" {
  for_each    = toset(var.private_subnet_ids)
  resource_id = each.value
  key         = "karpenter.sh/discovery"
  value       = "arm64-kubernetes-low-ops"
}

# Auto Mode puts internal load balancers in subnets tagged so, and internet-facing ones in subnets
# tagged kubernetes.io/role/elb: https://docs.aws.amazon.com/eks/latest/userguide/tag-subnets-auto.html
resource "aws_ec2_tag" "internal_elb_subnets" {
  for_each    = toset(var.private_subnet_ids)
  resource_id = each.value
  key         = "kubernetes.io/role/internal-elb"
  value       = "1"
}

resource "aws_ec2_tag" "public_elb_subnets" {
  for_each    = toset(var.public_subnet_ids)
  resource_id = each.value
  key         = "kubernetes.io/role/elb"
  value       = "1"
}
