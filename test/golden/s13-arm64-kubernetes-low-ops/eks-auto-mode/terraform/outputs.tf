output "cluster_name" {
  description = "Name of the EKS cluster."
  value       = aws_eks_cluster.this.name
}

output "cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = aws_eks_cluster.this.endpoint
}

output "kubeconfig_command" {
  description = "Writes a kubeconfig entry for the cluster."
  value       = "aws eks update-kubeconfig --region ${var.region} --name ${aws_eks_cluster.this.name}"
}

output "namespace" {
  description = "Namespace of the workload (the Kubernetes manifests create it)."
  value       = "arm64-kubernetes-low-ops"
}

output "auto_node_role" {
  description = "IAM role of the nodes Auto Mode launches (the NodeClass in platform/ names it)."
  value       = aws_iam_role.auto_nodes.name
}
