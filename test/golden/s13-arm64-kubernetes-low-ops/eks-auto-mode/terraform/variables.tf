variable "region" {
  description = "AWS Region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "vpc_id" {
  description = "ID of the existing VPC to deploy into."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets (with a NAT gateway or VPC endpoints for image pulls), in at least two Availability Zones."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_ids) >= 2
    error_message = "Give private subnets in at least two Availability Zones."
  }
}

variable "log_retention_days" {
  description = "Days to keep control plane logs in CloudWatch Logs."
  type        = number
  default     = 30
}

variable "kubernetes_version" {
  description = "Kubernetes version of the control plane."
  type        = string
  default     = "1.35"
}

variable "cluster_endpoint_public_access_cidrs" {
  description = "CIDR blocks allowed to reach the Kubernetes API endpoint from the internet (your office or VPN); the endpoint is also reachable from the VPC."
  type        = list(string)
}

variable "public_subnet_ids" {
  description = "Public subnets for the internet-facing load balancer, in at least two Availability Zones."
  type        = list(string)

  validation {
    condition     = length(var.public_subnet_ids) >= 2
    error_message = "Give public subnets in at least two Availability Zones."
  }
}
