variable "region" {
  description = "AWS Region of the cluster."
  type        = string
  default     = "us-east-1"
}

variable "cluster_name" {
  description = "Name of the EKS cluster the main stack created."
  type        = string
  default     = "arm64-kubernetes-low-ops"
}
