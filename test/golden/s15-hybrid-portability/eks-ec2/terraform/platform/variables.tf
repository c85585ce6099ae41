variable "region" {
  description = "AWS Region of the cluster."
  type        = string
  default     = "us-east-1"
}

variable "cluster_name" {
  description = "Name of the EKS cluster the main stack created."
  type        = string
  default     = "hybrid-platform"
}

variable "karpenter_version" {
  description = "Karpenter chart version (https://karpenter.sh/docs/upgrading/compatibility/)."
  type        = string
  default     = "1.11.1"
}
