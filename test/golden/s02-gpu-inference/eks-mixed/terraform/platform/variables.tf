variable "region" {
  description = "AWS Region of the cluster."
  type        = string
  default     = "us-east-1"
}

variable "cluster_name" {
  description = "Name of the EKS cluster the main stack created."
  type        = string
  default     = "gpu-inference"
}

variable "karpenter_version" {
  description = "Karpenter chart version (https://karpenter.sh/docs/upgrading/compatibility/)."
  type        = string
  default     = "1.11.1"
}

variable "load_balancer_controller_chart_version" {
  description = "aws-load-balancer-controller chart version (https://github.com/aws/eks-charts)."
  type        = string
  default     = "1.14.1"
}

variable "nvidia_device_plugin_version" {
  description = "NVIDIA device plugin chart version (https://github.com/NVIDIA/k8s-device-plugin)."
  type        = string
  default     = "0.17.1"
}
